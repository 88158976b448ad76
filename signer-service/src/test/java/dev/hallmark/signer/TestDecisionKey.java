package dev.hallmark.signer;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * policy-service's decision key, as the tests play policy-service: one Ed25519 key pair per test
 * JVM, its public key in a temporary PEM file that the service under test trusts ({@link
 * #properties()}, or {@code HALLMARK_DECISION_PUBLIC_KEYS=}{@link #publicKeyFile()}).
 */
public final class TestDecisionKey {
  private static KeyPair pair;
  private static Path publicKeyFile;

  private TestDecisionKey() {}

  private static synchronized KeyPair pair() {
    if (pair == null) {
      pair = DecisionKeys.generate();
      try {
        publicKeyFile = Files.createTempFile("hallmark-decision-key", ".pub");
        Files.writeString(publicKeyFile, DecisionKeys.pem(pair.getPublic()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      publicKeyFile.toFile().deleteOnExit();
    }
    return pair;
  }

  public static synchronized Path publicKeyFile() {
    pair();
    return publicKeyFile;
  }

  /** {@code hallmark.signer.decision-keys}: this key only. */
  public static Map<String, String> properties() {
    return Map.of("hallmark.signer.decision-keys", publicKeyFile().toString());
  }

  /** The decision with its authenticator set, as policy-service announces it. */
  public static PolicyDecision sign(PolicyDecision decision) {
    return new DecisionSigner(pair().getPrivate(), pair().getPublic()).sign(decision);
  }
}
