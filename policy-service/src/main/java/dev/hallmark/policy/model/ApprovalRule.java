package dev.hallmark.policy.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How many people must approve a request before it is signed, and how long it may wait.
 *
 * @param required distinct approvals needed; the submitter never counts
 * @param group the project's approver group whose members may approve
 * @param expiresAfter how long a request waits for approvals before it is denied
 */
public record ApprovalRule(int required, String group, Duration expiresAfter) {
  /** Longest wait a policy may set: a forgotten request must not stay approvable for months. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(30);

  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

  public ApprovalRule {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(expiresAfter, "expiresAfter");
    if (required < 1) {
      throw new IllegalArgumentException("required must be at least 1, was " + required);
    }
    if (expiresAfter.isNegative()
        || expiresAfter.isZero()
        || expiresAfter.compareTo(MAX_EXPIRY) > 0) {
      throw new IllegalArgumentException(
          "expiresAfter must be positive and at most " + MAX_EXPIRY + ", was " + expiresAfter);
    }
  }

  /** {@link #expiresAfter()} as reasons and the API write it: {@code 24h}, {@code 30m}. */
  public String expiresAfterText() {
    return shortForm(expiresAfter);
  }

  /**
   * The largest of hours, minutes and seconds that expresses the duration exactly. Not days: the
   * usual 24h would read 1d.
   */
  public static String shortForm(Duration duration) {
    long seconds = duration.getSeconds();
    if (duration.getNano() != 0 || seconds <= 0) {
      return duration.toString();
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
