package dev.hallmark.runtime.messaging;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.serde.EventCodec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Events for listener tests: decisions whose project says which one they are. */
final class TestEvents {
  private TestEvents() {}

  static PolicyDecision decision(String project) {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setOutcome(DecisionOutcome.APPROVED)
        .setProject(project)
        .setSigningPolicy("default")
        .setPolicyVersion(1)
        .build();
  }

  static byte[] encoded(String project) {
    return EventCodec.standard().encode(decision(project));
  }
}
