package dev.hallmark.runtime.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How every listener retries a record (or batch) that failed for a reason that may pass: {@code
 * hallmark.kafka.retry.*}, the one retry setting family of all consumers (docs/operations.md). The
 * defaults try 10 times over about two minutes (0.5, 1, 2, 4, 8, 16, 30, 30, 30 s apart).
 */
@ConfigurationProperties("hallmark.kafka.retry")
public class RetrySettings {
  /** {@code attempts}: tries of one record before it is parked, the first included (10). */
  private int attempts = 10;

  /** {@code initial-delay}: wait after the first failed attempt (500ms). */
  private Duration initialDelay = Duration.ofMillis(500);

  /** {@code multiplier}: each further wait is the previous one times this (2). */
  private double multiplier = 2;

  /**
   * {@code max-delay}: the longest wait between attempts (30s); also how often a record whose
   * parking failed is tried again.
   */
  private Duration maxDelay = Duration.ofSeconds(30);

  public RetrySettings() {}

  public RetrySettings(int attempts, Duration initialDelay, double multiplier, Duration maxDelay) {
    setAttempts(attempts);
    setInitialDelay(initialDelay);
    setMultiplier(multiplier);
    setMaxDelay(maxDelay);
  }

  public int getAttempts() {
    return attempts;
  }

  public void setAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("hallmark.kafka.retry.attempts must be >= 1: " + attempts);
    }
    this.attempts = attempts;
  }

  public Duration getInitialDelay() {
    return initialDelay;
  }

  public void setInitialDelay(Duration initialDelay) {
    this.initialDelay = initialDelay;
  }

  public double getMultiplier() {
    return multiplier;
  }

  public void setMultiplier(double multiplier) {
    if (multiplier < 1) {
      throw new IllegalArgumentException(
          "hallmark.kafka.retry.multiplier must be >= 1: " + multiplier);
    }
    this.multiplier = multiplier;
  }

  public Duration getMaxDelay() {
    return maxDelay;
  }

  public void setMaxDelay(Duration maxDelay) {
    this.maxDelay = maxDelay;
  }

  /** The wait after the given failed attempt (1 = the first), capped at {@link #getMaxDelay()}. */
  public Duration delayAfter(int failedAttempt) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }
}
