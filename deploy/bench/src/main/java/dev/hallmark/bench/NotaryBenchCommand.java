package dev.hallmark.bench;

import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.oci.Manifest;
import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RepositoryRef;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code deploy/local/stack bench-notary [options]}: publishes the same number of Docker Content
 * Trust tags of one image in {@code <registry>/demo/app} through Hallmark (a CI request per tag)
 * and with the notary client itself (a publish per tag, then all tags in one publish), against the
 * same Notary server on the same machine, and checks every tag with {@code notary list} trusting
 * only the pinned root (see {@link NotaryBenchOptions#USAGE}). Results also go to {@code
 * .local-stack/bench/notary-latest.json}. Tags carry the run's id, so runs do not collide.
 */
public final class NotaryBenchCommand {
  /** The one repository with Notary trust data in the local stack. */
  static final String REPOSITORY = "demo/app";

  /**
   * The push's own request also publishes a cosign signature, which may still be under way when its
   * tag is listed; it must not overlap the timed phases.
   */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private NotaryBenchCommand() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    NotaryBenchOptions options;
    try {
      options = NotaryBenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("stack bench-notary: " + e.getMessage() + "\n" + NotaryBenchOptions.USAGE);
      return 2;
    }
    try {
      StackTarget stack = StackTarget.running();
      NotaryBenchReport report = measure(stack, options, out);
      report.print(out);
      Path written = report.write(stack.layout().root().resolve("bench"));
      out.println("results: " + written);
      return report.complete() ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("stack bench-notary: interrupted");
      return 1;
    } catch (Exception e) {
      err.println("stack bench-notary failed: " + e);
      return 1;
    }
  }

  private static NotaryBenchReport measure(
      StackTarget stack, NotaryBenchOptions options, PrintStream out) throws Exception {
    String run = Long.toString(System.currentTimeMillis(), 36);
    Duration timeout = Duration.ofSeconds(options.timeoutSeconds());
    // The server first: without one, the stack has no GUN either, and this says why.
    String notaryUrl = stack.notaryUrl();
    String gun = stack.notaryGun();
    RepositoryRef repository = new RepositoryRef(stack.registry(), REPOSITORY);
    if (!repository.toString().equals(gun)) {
      throw new IllegalStateException(
          "the stack's Notary repository is " + gun + ", not " + repository);
    }
    // The trust directory that created the repository: its targets key signs the CLI phases.
    NotaryCli cli = NotaryCli.open(stack.layout().notaryClient(), notaryUrl);
    NotaryListing listing = new NotaryListing(cli, stack.notaryRootPin());
    RegistryClient registry = RegistryClient.builder().build();
    out.printf(
        Locale.ROOT,
        "bench-notary %s: %d tags per phase, Hallmark concurrency %d, %s on %s%n",
        run,
        options.tags(),
        options.concurrency(),
        gun,
        cli.serverUrl());

    String pushed = "nb-" + run;
    out.printf("1/4 push %s:%s and wait for its auto-signing to reach notary list%n", gun, pushed);
    new TinyImages(registry).push(repository, pushed);
    // Digest and size as the registry serves them, which is what Hallmark publishes.
    Manifest manifest = registry.getManifest(repository, pushed);
    String digest = manifest.digest();
    String sha256Hex = digest.substring("sha256:".length());
    long size = manifest.content().length;
    listing.awaitListed(pushed, sha256Hex, timeout);
    TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis());

    out.printf(
        Locale.ROOT,
        "2/4 Hallmark: %d CI requests (method notary), %d client(s), each until COMPLETED%n",
        options.tags(),
        options.concurrency());
    List<String> hallmarkTags = tags("hm-" + run, options.tags());
    NotaryPhaseResult hallmark =
        new HallmarkNotaryPhase(stack, options.concurrency(), timeout)
            .run("Hallmark, CI request per tag", gun, digest, hallmarkTags)
            .withListing(listing.verify(hallmarkTags, sha256Hex, size, NotaryCli.RELEASES_ROLE));

    NotaryCliPhases phases = new NotaryCliPhases(cli, gun, timeout);
    out.printf(Locale.ROOT, "3/4 notary CLI: addhash + publish per tag, %d tags%n", options.tags());
    List<String> perTagTags = tags("cli-" + run, options.tags());
    NotaryPhaseResult perTag =
        phases
            .perTag("notary CLI, publish per tag", perTagTags, sha256Hex, size)
            .withListing(listing.verify(perTagTags, sha256Hex, size, NotaryCliPhases.ROLE));

    out.printf(Locale.ROOT, "4/4 notary CLI: %d addhash, then one publish%n", options.tags());
    List<String> batchedTags = tags("clb-" + run, options.tags());
    NotaryPhaseResult batched =
        phases
            .batched("notary CLI, one publish for all", batchedTags, sha256Hex, size)
            .withListing(listing.verify(batchedTags, sha256Hex, size, NotaryCliPhases.ROLE));

    return new NotaryBenchReport(options, run, gun, digest, size, hallmark, perTag, batched);
  }

  /** {@code <prefix>-1} to {@code <prefix>-<count>}. */
  static List<String> tags(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
  }
}
