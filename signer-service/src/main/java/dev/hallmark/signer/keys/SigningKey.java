package dev.hallmark.signer.keys;

import dev.hallmark.signer.signers.Signer;
import dev.hallmark.signer.signers.SigningAlgorithm;

/**
 * A configured, loaded signing key.
 *
 * @param id the key id ({@code hallmark.signer.keys.<id>})
 * @param fingerprint {@code sha256:<hex>} of the public key's SubjectPublicKeyInfo
 * @param publicKeyPem the public key as {@code PUBLIC KEY} PEM
 */
public record SigningKey(
    String id, KeyBackend backend, Signer signer, String fingerprint, String publicKeyPem) {

  public static SigningKey of(String id, KeyBackend backend, Signer signer) {
    return new SigningKey(
        id,
        backend,
        signer,
        PublicKeyEncoding.fingerprint(signer.publicKey()),
        PublicKeyEncoding.pem(signer.publicKey()));
  }

  public SigningAlgorithm algorithm() {
    return signer.algorithm();
  }
}
