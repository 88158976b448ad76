package dev.hallmark.audit.api;

import dev.hallmark.audit.verify.LedgerVerification;
import dev.hallmark.audit.verify.VerificationReport;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Checks the stored ledger against the exported checkpoint (ADR 0008). */
@Controller("/api/v1/audit")
final class VerifyController {
  private final LedgerVerification verification;

  VerifyController(LedgerVerification verification) {
    this.verification = verification;
  }

  /**
   * {@code {"valid":true,"treeSize":N,"uncoveredEntries":M}}, or {@code {"valid":false,...,
   * "problems":[{"seq":…,"kind":"modified|deleted|inserted|reordered|truncated|export",
   * "detail":"…"}]}}; reads every row, so it takes a while on a large ledger.
   */
  @Get(value = "/verify", produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  VerificationReport verify() {
    return verification.verify();
  }
}
