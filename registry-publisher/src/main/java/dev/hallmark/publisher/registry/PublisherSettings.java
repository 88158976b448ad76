package dev.hallmark.publisher.registry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How registry-publisher publishes, under {@code hallmark.publisher}. Retries of pending
 * publications are {@code hallmark.publisher.retry} ({@code RetrySettings}).
 *
 * @param threads publication attempts running in parallel; attempts for one image digest always run
 *     one after the other, in the order the signatures arrived; default 4
 * @param clientAttempts attempts of one registry request inside one publication attempt, for
 *     connection errors, 5xx and 429; default 2
 * @param connectTimeout TCP connect timeout to a registry; default 3s
 * @param requestTimeout timeout of one registry request; default 15s
 */
@ConfigurationProperties("hallmark.publisher")
public record PublisherSettings(
    @Bindable(defaultValue = "4") @Min(1) @Max(64) int threads,
    @Bindable(defaultValue = "2") @Min(1) @Max(10) int clientAttempts,
    @Bindable(defaultValue = "3s") @NotNull Duration connectTimeout,
    @Bindable(defaultValue = "15s") @NotNull Duration requestTimeout) {}
