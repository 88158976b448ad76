package dev.hallmark.signer.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code POST /api/v1/notary/signatures}. Every field is nullable here so that a missing
 * field is reported by {@link NotaryRequestValidator} by name, together with all other problems.
 *
 * @param requestId the signing request whose Notary grants allow the change (UUID)
 * @param gun the repository, {@code <registry>/<repository>}
 * @param signed base64 of the canonical JSON bytes of the proposed {@code targets/releases} {@code
 *     signed} object: exactly the bytes the signature is over
 */
@Serdeable
public record NotarySigningRequest(
    @Nullable String requestId, @Nullable String gun, @Nullable String signed) {}
