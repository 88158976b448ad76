package dev.hallmark.signer.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * RFC 9457 problem details of a refused Notary signing, with two extension members (section 3.2):
 * {@code problem}, a stable code registry-publisher decides on (retry, give up), and for {@code
 * UNAPPROVED_CHANGE} the {@code changes} that were not approved, one line each.
 */
@Serdeable
public record NotaryProblem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String problem,
    @Nullable List<String> changes) {}
