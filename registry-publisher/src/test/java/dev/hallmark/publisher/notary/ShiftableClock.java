package dev.hallmark.publisher.notary;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, moved forward on demand: how a test sees metadata that the server signed
 * yesterday expire, without a server that signs expired metadata. Only where {@code
 * it.shiftable-clock} is set.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = "it.shiftable-clock", value = "true")
public class ShiftableClock extends Clock {
  private volatile Duration shift = Duration.ZERO;

  void shift(Duration by) {
    shift = by;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }
}
