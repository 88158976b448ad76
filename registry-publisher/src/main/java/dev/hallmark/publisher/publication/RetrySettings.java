package dev.hallmark.publisher.publication;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How pending publications are retried, under {@code hallmark.publisher.retry}. A publication is
 * retried for as long as its failure is one a retry can fix (target unreachable, 5xx, 429, a lost
 * update); only {@code give-up-after}, when set, ends such a publication FAILED.
 *
 * @param backoff wait after a publication's first failed attempt, doubled after each further one;
 *     default 1s
 * @param maxBackoff longest wait between two attempts of a publication, and between two probes of a
 *     target that is down; default 30s
 * @param giveUpAfter how long a publication may stay pending before a retryable failure ends it
 *     FAILED; unset (the default): never, an outage is waited out however long it lasts
 * @param lease how long an instance holds a publication it attempts; another instance takes it over
 *     after that (the first one crashed). Longer than one attempt can take; default 5m
 * @param pollInterval how often the worker looks for due publications when nothing woke it; default
 *     500ms
 */
@ConfigurationProperties("hallmark.publisher.retry")
public record RetrySettings(
    @Bindable(defaultValue = "1s") @NotNull Duration backoff,
    @Bindable(defaultValue = "30s") @NotNull Duration maxBackoff,
    @Nullable Duration giveUpAfter,
    @Bindable(defaultValue = "5m") @NotNull Duration lease,
    @Bindable(defaultValue = "500ms") @NotNull Duration pollInterval) {

  /** Wait after {@code failedAttempts} failed attempts: backoff doubled, at most maxBackoff. */
  public Duration backoffAfter(int failedAttempts) {
    Duration wait = backoff;
    for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
