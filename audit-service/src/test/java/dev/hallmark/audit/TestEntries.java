package dev.hallmark.audit;

import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.EventSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Ledger entries to append directly, as if consumed: a signing request each, of one project. */
public final class TestEntries {
  private static final AtomicLong OFFSETS = new AtomicLong();

  private TestEntries() {}

  public static List<EntryDraft> drafts(int count, String project) {
    List<EntryDraft> drafts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      drafts.add(draft(project));
    }
    return drafts;
  }

  public static EntryDraft draft(String project) {
    String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "").repeat(2);
    return new EntryDraft(
        UUID.randomUUID().toString(),
        "SigningRequested",
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        UUID.randomUUID().toString(),
        new EventSource("hallmark.signing-requests.v1", 0, OFFSETS.incrementAndGet()),
        Map.of(
            "project",
            project,
            "policy",
            "default",
            "digests",
            List.of(digest),
            "submitter",
            Map.of("kind", "CI_TOKEN", "name", "ci")));
  }
}
