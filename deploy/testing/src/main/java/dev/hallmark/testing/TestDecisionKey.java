package dev.hallmark.testing;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionSigner;
import dev.hallmark.schemas.auth.DecisionVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * policy-service's decision key as the tests use it: one Ed25519 key pair per test JVM, the private
 * key in an owner-only temporary PEM file (what policy-service signs decisions with), the public
 * key in another (what intake-service and signer-service trust), as deployments pass them. A test
 * that plays policy-service signs its decisions with {@link #sign}.
 */
public final class TestDecisionKey {
  private static KeyPair pair;
  private static Path privateKeyFile;
  private static Path publicKeyFile;

  private TestDecisionKey() {}

  private static synchronized KeyPair pair() {
    if (pair == null) {
      KeyPair generated = DecisionKeys.generate();
      try {
        privateKeyFile =
            Files.createTempFile(
                "hallmark-decision-key",
                ".pem",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(privateKeyFile, DecisionKeys.pem(generated.getPrivate()));
        publicKeyFile = Files.createTempFile("hallmark-decision-key", ".pub");
        Files.writeString(publicKeyFile, DecisionKeys.pem(generated.getPublic()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      privateKeyFile.toFile().deleteOnExit();
      publicKeyFile.toFile().deleteOnExit();
      pair = generated;
    }
    return pair;
  }

  /** The private key's PEM file (0600), as policy-service reads it. */
  public static synchronized Path privateKeyFile() {
    pair();
    return privateKeyFile;
  }

  /** The public key's PEM file, as intake-service and signer-service read it. */
  public static synchronized Path publicKeyFile() {
    pair();
    return publicKeyFile;
  }

  /** {@code hallmark.policy.decision-key-file}: policy-service signs with this key. */
  public static Map<String, String> policyProperties() {
    return Map.of("hallmark.policy.decision-key-file", privateKeyFile().toString());
  }

  /** {@code hallmark.signer.decision-keys}: signer-service trusts this key only. */
  public static Map<String, String> signerProperties() {
    return Map.of("hallmark.signer.decision-keys", publicKeyFile().toString());
  }

  /**
   * The infrastructure's service properties and {@code hallmark.intake.decision-keys}: intake
   * trusts this key only. intake does not start without a trusted key, so every IT of it starts
   * with these.
   */
  public static Map<String, String> intakeProperties(Infrastructure infra) {
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.put("hallmark.intake.decision-keys", publicKeyFile().toString());
    return properties;
  }

  /** The decision with its authenticator set, as policy-service announces it. */
  public static PolicyDecision sign(PolicyDecision decision) {
    return new DecisionSigner(pair().getPrivate(), pair().getPublic()).sign(decision);
  }

  /** What signer-service would verify decisions with, trusting this key only. */
  public static DecisionVerifier verifier() {
    return new DecisionVerifier(List.of(pair().getPublic()));
  }

  /** The key id decisions signed with this key carry. */
  public static String keyIdHex() {
    return DecisionKeys.keyIdHex(pair().getPublic());
  }
}
