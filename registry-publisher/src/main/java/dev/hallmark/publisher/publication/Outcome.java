package dev.hallmark.publisher.publication;

/**
 * How a publication ended.
 *
 * @param location where the signature is, when published
 * @param reason why not, when failed (never contains secrets)
 * @param attempts attempts made, this one included
 * @param notaryVersion version of the {@code targets/releases} published; null for other methods
 */
public record Outcome(
    boolean published, String location, String reason, int attempts, Long notaryVersion) {
  static final int MAX_REASON = 500;

  static Outcome published(String location, int attempts) {
    return new Outcome(true, location, null, attempts, null);
  }

  static Outcome publishedToNotary(String location, int attempts, long version) {
    return new Outcome(true, location, null, attempts, version);
  }

  static Outcome failed(String reason, int attempts) {
    return new Outcome(false, null, shortened(reason), attempts, null);
  }

  /** Reasons are stored and announced; a registry's error body must not make them unbounded. */
  static String shortened(String reason) {
    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
  }
}
