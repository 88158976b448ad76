package dev.hallmark.runtime.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code listeners} in {@code GET /health}: DOWN when a listener's consumer thread died, so that
 * nothing consumes its topics any more; UP while listeners retry or wait (an outage of a database
 * or the dead-letter topic is not this service being broken).
 */
@Singleton
@Requires(beans = ListenerRuntime.class)
@Requires(classes = HealthIndicator.class)
final class ListenerHealthIndicator implements HealthIndicator {
  private final ListenerRuntime runtime;

  ListenerHealthIndicator(ListenerRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, String> dead = runtime.deadLoops();
    return Publishers.just(
        HealthResult.builder("listeners", dead.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
            .details(dead.isEmpty() ? Map.of("groups", runtime.groups()) : Map.of("dead", dead))
            .build());
  }
}
