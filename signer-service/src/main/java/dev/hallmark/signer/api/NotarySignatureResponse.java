package dev.hallmark.signer.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Answer of {@code POST /api/v1/notary/signatures}: the entry for the role file's {@code
 * signatures}, as notary writes it.
 *
 * @param keyid the id {@code targets/releases} lists the key by (of its certificate)
 * @param method {@code ecdsa}
 * @param sig base64 of the raw {@code r||s} signature over the canonical {@code signed} bytes
 */
@Serdeable
public record NotarySignatureResponse(String keyid, String method, String sig) {}
