package dev.hallmark.audit.api;

import dev.hallmark.audit.ledger.LedgerQueries;
import dev.hallmark.audit.ledger.LedgerRow;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/** Read access to the ledger's entries. */
@Controller("/api/v1/audit")
final class AuditController {
  static final int PAGE_SIZE = 500;
  private final LedgerQueries entries;

  AuditController(LedgerQueries entries) {
    this.entries = entries;
  }

  /**
   * Entries of one request, or about one image digest, or about one project (its requests,
   * decisions and catalogue changes), or a page of the entries after a sequence number; oldest
   * first, at most {@value #PAGE_SIZE}.
   */
  @Get(produces = MediaType.APPLICATION_JSON)
  List<AuditEntryView> list(
      @Nullable @QueryValue String requestId,
      @Nullable @QueryValue String digest,
      @Nullable @QueryValue String project,
      @Nullable @QueryValue Long after) {
    List<LedgerRow> rows;
    if (requestId != null) {
      rows = entries.findByRequestId(requestId, PAGE_SIZE);
    } else if (project != null) {
      rows = entries.findByProject(project, PAGE_SIZE);
    } else if (digest != null) {
      if (!digest.matches("sha256:[a-f0-9]{64}")) {
        throw new InvalidRequestException(
            List.of(Problem.FieldProblem.of("digest", "must be sha256:<64 lower-case hex>")));
      }
      rows = entries.findByDigest(digest, PAGE_SIZE);
    } else {
      rows = entries.findPage(after == null ? -1 : after, PAGE_SIZE);
    }
    return rows.stream().map(AuditEntryView::of).toList();
  }
}
