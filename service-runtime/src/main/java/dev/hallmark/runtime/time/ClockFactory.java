package dev.hallmark.runtime.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock of the service; tests replace it with {@code Clock.fixed}. */
@Factory
final class ClockFactory {
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
