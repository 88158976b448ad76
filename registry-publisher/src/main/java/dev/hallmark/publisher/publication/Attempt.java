package dev.hallmark.publisher.publication;

/** What one attempt at a pending publication came to. */
public sealed interface Attempt {

  /** The publication ended: published, or failed for a reason a retry cannot fix. */
  record Done(Outcome outcome) implements Attempt {}

  /**
   * Try again later.
   *
   * @param reason what went wrong (never contains secrets)
   * @param targetDown the target did not answer usefully (unreachable, 5xx, 429): its other
   *     publications wait too; false when only this publication must wait (a lost update, a version
   *     conflict)
   */
  record Retry(String reason, boolean targetDown) implements Attempt {}
}
