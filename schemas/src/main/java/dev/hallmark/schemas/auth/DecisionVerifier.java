package dev.hallmark.schemas.auth;

import dev.hallmark.events.PolicyDecision;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks that a decision was authenticated by one of the trusted policy-service keys
 * (signer-service). Several keys may be trusted at once, so that a new key can be trusted before
 * policy-service switches to it (docs/operations.md, rotation). Thread-safe.
 */
public final class DecisionVerifier {
  private final Map<String, PublicKey> trusted = new TreeMap<>();

  /**
   * @throws DecisionKeyException if a key is not an Ed25519 key
   */
  public DecisionVerifier(Collection<PublicKey> keys) {
    for (PublicKey key : keys) {
      if (!DecisionKeys.isEd25519(key)) {
        throw new DecisionKeyException(
            "a trusted decision key is " + key.getAlgorithm() + ", not Ed25519", null);
      }
      trusted.put(DecisionKeys.keyIdHex(key), key);
    }
  }

  /** The ids of the trusted keys, lower-case hex, sorted. */
  public List<String> keyIds() {
    return List.copyOf(trusted.keySet());
  }

  /**
   * Why the decision is not to be trusted, or empty if a trusted key authenticated exactly this
   * content. The reason names the decision's event id and, for an unknown key, its id; never
   * signature or key bytes.
   */
  public Optional<String> rejection(PolicyDecision decision) {
    String prefix = "decision " + decision.getEventId() + " is not authenticated: ";
    ByteBuffer field = decision.getAuthenticator();
    if (field == null) {
      return Optional.of(prefix + "no authenticator");
    }
    DecisionAuthenticator authenticator;
    try {
      authenticator = DecisionAuthenticator.parse(field);
    } catch (MalformedAuthenticatorException e) {
      return Optional.of(prefix + "malformed authenticator (" + e.getMessage() + ")");
    }
    PublicKey key = trusted.get(authenticator.keyIdHex());
    if (key == null) {
      return Optional.of(prefix + "signed by unknown key " + authenticator.keyIdHex());
    }
    byte[] content;
    try {
      content = DecisionContent.v1(decision);
    } catch (IllegalArgumentException e) {
      return Optional.of(prefix + "its content cannot be encoded (" + e.getMessage() + ")");
    }
    if (!DecisionSigner.verifies(key, content, authenticator.signature())) {
      return Optional.of(prefix + "signature does not verify");
    }
    return Optional.empty();
  }
}
