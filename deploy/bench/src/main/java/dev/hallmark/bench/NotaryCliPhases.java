package dev.hallmark.bench;

import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.infrastructure.NotaryCommandException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The notary client publishing the same tags itself, into the {@code targets} role with the targets
 * key of the trust directory that created the demo repository: what a team without Hallmark runs.
 * Every command is a process of its own, as in a CI job, so its start-up is part of the figure. One
 * command at a time: the client keeps its change list in the trust directory.
 */
final class NotaryCliPhases {
  /** The role the client signs with its own targets key. */
  static final String ROLE = "targets";

  private final NotaryCli cli;
  private final String gun;
  private final Duration timeout;

  NotaryCliPhases(NotaryCli cli, String gun, Duration timeout) {
    this.cli = cli;
    this.gun = gun;
    this.timeout = timeout;
  }

  /**
   * {@code addhash} and {@code publish} per tag: one new trust data version per tag, as Hallmark
   * makes one per request. Stops starting tags once the phase has run for {@code timeout}.
   */
  NotaryPhaseResult perTag(String name, List<String> tags, String sha256Hex, long size) {
    List<Long> latencies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    for (String tag : tags) {
      if (System.nanoTime() > deadline) {
        problems.add(tag + " not published: the phase ran out of its " + timeout);
        continue;
      }
      long begun = System.nanoTime();
      try {
        cli.addHashAndPublish(gun, tag, sha256Hex, size);
        latencies.add(System.nanoTime() - begun);
      } catch (NotaryCommandException e) {
        problems.add(e.getMessage());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String problem =
        problems.isEmpty()
            ? null
            : problems.size() + " publication(s) failed, e.g. " + problems.get(0);
    return new NotaryPhaseResult(
        name,
        ROLE,
        tags.size(),
        latencies.size(),
        0,
        seconds,
        LatencySummary.ofNanos(latencies),
        problem);
  }

  /**
   * {@code addhash} for every tag, then one {@code publish}: the client's cheapest way to publish
   * many tags, which Hallmark's one request per tag does not have. Each command is bounded by the
   * client's own time limit, not by {@code timeout}.
   */
  NotaryPhaseResult batched(String name, List<String> tags, String sha256Hex, long size) {
    List<NotaryCli.TargetHash> hashes =
        tags.stream().map(tag -> new NotaryCli.TargetHash(tag, sha256Hex, size)).toList();
    long start = System.nanoTime();
    String problem = null;
    try {
      cli.addHashes(gun, hashes);
      cli.publish(gun);
    } catch (NotaryCommandException e) {
      problem = e.getMessage();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new NotaryPhaseResult(
        name,
        ROLE,
        tags.size(),
        problem == null ? tags.size() : 0,
        0,
        seconds,
        LatencySummary.ofNanos(List.of()),
        problem);
  }
}
