package dev.hallmark.intake;

import dev.hallmark.deploy.local.Infrastructure;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

/**
 * policy-service's decision key, as intake's tests play policy-service: one Ed25519 key pair per
 * test JVM, its public key in a temporary PEM file that the service under test trusts ({@link
 * #serviceProperties}). intake does not start without a trusted key, so every IT starts with it.
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

  /**
   * The infrastructure's service properties, and {@code hallmark.intake.decision-keys}: this key.
   */
  public static Map<String, String> serviceProperties(Infrastructure infra) {
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.put("hallmark.intake.decision-keys", publicKeyFile().toString());
    return properties;
  }

  /** The decision with its authenticator set, as policy-service announces it. */
  public static PolicyDecision sign(PolicyDecision decision) {
    return new DecisionSigner(pair().getPrivate(), pair().getPublic()).sign(decision);
  }
}
