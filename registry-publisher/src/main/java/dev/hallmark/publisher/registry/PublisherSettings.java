package dev.hallmark.publisher.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How registry-publisher publishes, under {@code hallmark.publisher}.
 *
 * @param attempts publication attempts (each a full read-modify-write of the signature manifest)
 *     before the signature is given up with {@code PublicationFailed}; default 5
 * @param backoff wait after the first failed attempt, doubled after each further one; default 2s
 * @param maxBackoff longest wait between attempts; default 16s (5 attempts: about 30 s of waiting)
 * @param threads publications running in parallel, for different image digests; publications of one
 *     digest always run one after the other, in topic order; default 4
 * @param clientAttempts attempts of one registry request inside one publication attempt, for
 *     connection errors, 5xx and 429; default 2
 * @param connectTimeout TCP connect timeout to a registry; default 3s
 * @param requestTimeout timeout of one registry request; default 15s
 */
@ConfigurationProperties("hallmark.publisher")
public record PublisherSettings(
    @Bindable(defaultValue = "5") @Min(1) @Max(50) int attempts,
    @Bindable(defaultValue = "2s") @NotNull Duration backoff,
    @Bindable(defaultValue = "16s") @NotNull Duration maxBackoff,
    @Bindable(defaultValue = "4") @Min(1) @Max(64) int threads,
    @Bindable(defaultValue = "2") @Min(1) @Max(10) int clientAttempts,
    @Bindable(defaultValue = "3s") @NotNull Duration connectTimeout,
    @Bindable(defaultValue = "15s") @NotNull Duration requestTimeout) {

  /** Wait after {@code failedAttempts} failed attempts. */
  public Duration backoffAfter(int failedAttempts) {
    Duration wait = backoff;
    for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
