package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.AuditEntry;
import dev.hallmark.audit.ledger.AuditEntryRepository;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/** Read access to the audit entries. */
@Controller("/api/v1/audit")
final class AuditController {
  static final int PAGE_SIZE = 500;
  private final AuditEntryRepository entries;

  AuditController(AuditEntryRepository entries) {
    this.entries = entries;
  }

  /**
   * Entries of one request, or about one image digest, or a page of the entries after a sequence
   * number; oldest first.
   */
  @Get(produces = MediaType.APPLICATION_JSON)
  List<AuditEntry> list(
      @Nullable @QueryValue String requestId,
      @Nullable @QueryValue String digest,
      @Nullable @QueryValue Long after) {
    if (requestId != null) {
      return entries.findByRequestIdOrderBySeq(requestId);
    }
    if (digest != null) {
      if (!digest.matches("sha256:[a-f0-9]{64}")) {
        throw new InvalidRequestException(
            List.of(Problem.FieldProblem.of("digest", "must be sha256:<64 lower-case hex>")));
      }
      return entries.findByDigest(digest, PAGE_SIZE);
    }
    return entries.findPage(after == null ? 0 : after, PAGE_SIZE);
  }
}
