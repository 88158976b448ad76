package dev.hallmark.signer.signers;

import java.security.PublicKey;

/**
 * One signing key, whatever holds it. Implementations are thread-safe.
 *
 * <p>Signatures are what cosign verifies (FORMATS.md section 1): for {@link
 * SigningAlgorithm#ECDSA_P256} an ASN.1 DER {@code ECDSA-Sig-Value} over SHA-256 of the data, for
 * the RSA algorithms PKCS#1 v1.5 with SHA-256.
 */
public interface Signer {

  /** The public half, as verifiers use it. */
  PublicKey publicKey();

  SigningAlgorithm algorithm();

  /**
   * Signs {@code data} (the exact bytes, hashed here).
   *
   * @throws SigningException if the key holder fails; the message names the key, never data
   */
  byte[] sign(byte[] data);
}
