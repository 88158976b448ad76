package dev.hallmark.schemas.auth;

import dev.hallmark.events.PolicyDecision;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * Authenticates decisions with one Ed25519 key (policy-service): an Ed25519 signature over {@link
 * DecisionContent#v1}, in a {@link DecisionAuthenticator} naming the key. Thread-safe.
 */
public final class DecisionSigner {
  private static final byte[] PROBE =
      "hallmark-decision-key-check\n".getBytes(StandardCharsets.US_ASCII);

  private final PrivateKey privateKey;
  private final byte[] keyId;

  /**
   * @param publicKey the private key's public key, which names it ({@link DecisionKeys#keyId})
   * @throws DecisionKeyException if either is not an Ed25519 key, or they are not one pair
   */
  public DecisionSigner(PrivateKey privateKey, PublicKey publicKey) {
    if (!DecisionKeys.isEd25519(privateKey) || !DecisionKeys.isEd25519(publicKey)) {
      throw new DecisionKeyException("the decision key is not an Ed25519 key", null);
    }
    this.privateKey = privateKey;
    this.keyId = DecisionKeys.keyId(publicKey);
    // A wrong public key would name every authenticator after a key that did not sign it.
    byte[] probeSignature = sign(PROBE);
    if (!verifies(publicKey, PROBE, probeSignature)) {
      throw new DecisionKeyException(
          "the decision key's public key (id " + keyIdHex() + ") does not belong to it", null);
    }
  }

  /** The id every authenticator of this signer names, lower-case hex. */
  public String keyIdHex() {
    return HexFormat.of().formatHex(keyId);
  }

  /** The authenticator of the decision as it stands; its {@code authenticator} is ignored. */
  public DecisionAuthenticator authenticate(PolicyDecision decision) {
    return new DecisionAuthenticator(
        DecisionAuthenticator.VERSION_1, keyId, sign(DecisionContent.v1(decision)));
  }

  /** A copy of the decision with its {@code authenticator} set. */
  public PolicyDecision sign(PolicyDecision decision) {
    return PolicyDecision.newBuilder(decision)
        .setAuthenticator(authenticate(decision).encode())
        .build();
  }

  private byte[] sign(byte[] content) {
    try {
      Signature signature = Signature.getInstance(DecisionKeys.ALGORITHM);
      signature.initSign(privateKey);
      signature.update(content);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(DecisionKeys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(content);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A signature that is not even well-formed (JDK: SignatureException) verifies nothing.
      return false;
    }
  }
}
