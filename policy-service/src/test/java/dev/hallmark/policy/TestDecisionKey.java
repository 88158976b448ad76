package dev.hallmark.policy;

import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/**
 * The decision key of the tests: one Ed25519 key pair per test JVM, its private key in an
 * owner-only temporary PEM file, as deployments pass it.
 */
public final class TestDecisionKey {
  private static KeyPair pair;
  private static Path file;

  private TestDecisionKey() {}

  /** The private key's PEM file. */
  public static synchronized Path file() {
    if (file == null) {
      pair = DecisionKeys.generate();
      try {
        file =
            Files.createTempFile(
                "hallmark-decision-key",
                ".pem",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, DecisionKeys.pem(pair.getPrivate()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      file.toFile().deleteOnExit();
    }
    return file;
  }

  /** {@code hallmark.policy.decision-key-file}, for an application context. */
  public static Map<String, String> properties() {
    return Map.of("hallmark.policy.decision-key-file", file().toString());
  }

  /** What signer-service would verify the decisions with, trusting this key only. */
  public static synchronized DecisionVerifier verifier() {
    file();
    return new DecisionVerifier(List.of(pair.getPublic()));
  }

  public static synchronized String keyIdHex() {
    file();
    return DecisionKeys.keyIdHex(pair.getPublic());
  }
}
