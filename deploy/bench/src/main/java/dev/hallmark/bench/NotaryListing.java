package dev.hallmark.bench;

import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.infrastructure.NotaryCommandException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo repository's targets as a verifier sees them: {@code notary list} with a fresh trust
 * directory that trusts only the pinned root ({@link NotaryCli#list}), so that neither the client
 * that publishes nor Hallmark vouches for what is counted.
 */
final class NotaryListing {
  private static final Duration POLL = Duration.ofMillis(250);

  private final NotaryCli cli;
  private final NotaryCli.RootPin pin;

  /**
   * @param listed tags shown with the expected digest, size and role
   * @param problem which tags were missing or wrong, or why listing failed; null if none was
   */
  record Verification(int listed, String problem) {}

  NotaryListing(NotaryCli cli, NotaryCli.RootPin pin) {
    this.cli = cli;
    this.pin = pin;
  }

  /**
   * Lists once and counts the tags shown with {@code sha256Hex}, {@code size} and {@code role}.
   * Once: a publication that reported success must already be visible.
   */
  Verification verify(List<String> tags, String sha256Hex, long size, String role) {
    Map<String, NotaryCli.Target> shown = new HashMap<>();
    try {
      cli.list(pin.gun(), pin).forEach(target -> shown.put(target.name(), target));
    } catch (NotaryCommandException e) {
      return new Verification(0, "notary list failed: " + e.getMessage());
    }
    int listed = 0;
    String firstWrong = null;
    for (String tag : tags) {
      NotaryCli.Target target = shown.get(tag);
      if (target != null
          && target.sha256Hex().equals(sha256Hex)
          && target.size() == size
          && target.role().equals(role)) {
        listed++;
      } else if (firstWrong == null) {
        firstWrong = target == null ? tag + " is not listed" : "listed as " + target;
      }
    }
    return listed == tags.size()
        ? new Verification(listed, null)
        : new Verification(
            listed,
            (tags.size() - listed)
                + " tag(s) not listed as expected in "
                + role
                + ", e.g. "
                + firstWrong);
  }

  /**
   * Waits until {@code tag} is listed with {@code sha256Hex}, in any role.
   *
   * @throws IllegalStateException if it is not within {@code timeout}
   */
  void awaitListed(String tag, String sha256Hex, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "not listed";
    while (System.nanoTime() < deadline) {
      try {
        for (NotaryCli.Target target : cli.list(pin.gun(), pin)) {
          if (target.name().equals(tag) && target.sha256Hex().equals(sha256Hex)) {
            return;
          }
        }
        lastProblem = "not listed";
      } catch (NotaryCommandException e) {
        // The repository may be between two publications; the deadline bounds the retries.
        lastProblem = e.getMessage();
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
    throw new IllegalStateException(
        pin.gun() + ":" + tag + " is not in notary list after " + timeout + ": " + lastProblem);
  }
}
