package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerFilter;
import io.micronaut.core.annotation.Nullable;

/**
 * A checked query of the audit API.
 *
 * @param afterSeq where to continue: entries after this seq, from {@code after} or a {@code
 *     cursor}; null when neither was given (the endpoint decides where to start)
 * @param limit entries per page ({@code GET /api/v1/audit} only)
 */
record AuditQuery(LedgerFilter filter, @Nullable Long afterSeq, int limit) {}
