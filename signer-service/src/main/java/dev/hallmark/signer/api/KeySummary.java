package dev.hallmark.signer.api;

import dev.hallmark.signer.keys.SigningKey;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One key in {@code GET /api/v1/keys}.
 *
 * @param id the key id decisions name
 * @param algorithm {@code ECDSA_P256}, {@code RSA_2048} or {@code RSA_3072}
 * @param backend {@code pkcs11} or {@code software}
 * @param fingerprint {@code sha256:<hex>} of the DER SubjectPublicKeyInfo
 */
@Serdeable
public record KeySummary(String id, String algorithm, String backend, String fingerprint) {

  static KeySummary of(SigningKey key) {
    return new KeySummary(
        key.id(), key.algorithm().name(), key.backend().configName(), key.fingerprint());
  }
}
