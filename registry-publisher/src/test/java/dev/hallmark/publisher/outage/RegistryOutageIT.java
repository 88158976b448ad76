package dev.hallmark.publisher.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.deploy.local.verify.VerificationResult;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.publisher.TestSignatures;
import dev.hallmark.publisher.publication.PublicationRepository;
import dev.hallmark.publisher.publication.PublicationRow;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A registry outage is waited out without holding up another registry: one registry is killed
 * (SIGKILL) while signatures for it and for a healthy one arrive, before and during the outage. The
 * healthy registry's signatures are published meanwhile; the killed one's once it is back on the
 * same port; none ends FAILED, and each is published exactly once. The outage lasts {@code
 * -Dhallmark.test.outage} (default 20s; e.g. {@code 10m}), the longest wait between two probes
 * {@code -Dhallmark.test.max-backoff} (default 2s; the service's default is 30s); {@code
 * -Dhallmark.test.outage-images} signatures go to each registry (default 4).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryOutageIT implements TestPropertyProvider {
  static final Duration OUTAGE = duration(System.getProperty("hallmark.test.outage", "20s"));
  static final String MAX_BACKOFF = System.getProperty("hallmark.test.max-backoff", "2s");
  static final Duration WAIT = Duration.ofSeconds(90);
  static final int IMAGES_PER_REGISTRY = Integer.getInteger("hallmark.test.outage-images", 4);

  final Infrastructure infra = TestInfrastructure.shared();
  @Inject PublicationRepository rows;
  RestartableRegistry flaky;
  PublicationEvents events;
  Path dir;

  @Override
  public Map<String, String> getProperties() {
    assumeTrue(infra.registry().isPresent(), "no registry in this test infrastructure");
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.put("hallmark.publisher.retry.backoff", "200ms");
    properties.put("hallmark.publisher.retry.max-backoff", MAX_BACKOFF);
    properties.put("hallmark.publisher.client-attempts", "1");
    properties.put("hallmark.publisher.connect-timeout", "1s");
    return properties;
  }

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("hallmark-outage-it-");
    flaky = RestartableRegistry.start(dir.resolve("registry"));
    events = new PublicationEvents(infra);
  }

  @AfterAll
  void stop() {
    if (events != null) {
      events.close();
    }
    if (flaky != null) {
      flaky.close();
    }
  }

  @Test
  @Timeout(value = 40, unit = TimeUnit.MINUTES) // bounded by the outage; every wait has a deadline
  void registryDown_healthyOneKeepsPublishing_downOneCatchesUpOnReturn_nothingFailsOrDoubles()
      throws Exception {
    String healthy = infra.registry().orElseThrow();
    List<Signed> forHealthy = signImages(healthy);
    List<Signed> forFlaky = signImages(flaky.hostPort());

    flaky.kill();
    long outageStart = System.nanoTime();
    // Half of the signatures arrive as the outage starts, half in its middle.
    int half = forHealthy.size() / 2;
    sendInterleaved(forHealthy.subList(0, half), forFlaky.subList(0, half));
    events.awaitPublished(signatures(forHealthy.subList(0, half)), WAIT);
    sleepUntil(outageStart, OUTAGE.dividedBy(2));
    sendInterleaved(
        forHealthy.subList(half, forHealthy.size()), forFlaky.subList(half, forFlaky.size()));
    events.awaitPublished(signatures(forHealthy), WAIT);
    long healthyDone = System.nanoTime();

    assertThat(signatures(forFlaky)).allSatisfy(s -> assertThat(events.published(s)).isEmpty());
    List<PublicationRow> waiting = rowsOf(forFlaky);
    assertThat(waiting).allSatisfy(row -> assertThat(row.status()).isEqualTo("PENDING"));

    sleepUntil(outageStart, OUTAGE);
    flaky.restart();
    long back = System.nanoTime();
    events.awaitPublished(signatures(forFlaky), WAIT);
    Duration drain = Duration.ofNanos(System.nanoTime() - back);
    events.poll(Duration.ofSeconds(3)); // a second announcement would arrive now

    List<SignatureCreated> all = new ArrayList<>(signatures(forHealthy));
    all.addAll(signatures(forFlaky));
    assertThat(events.failed(all)).isEmpty();
    assertThat(all).allSatisfy(s -> assertThat(events.published(s)).hasSize(1));
    for (Signed signed : forFlaky) {
      VerificationResult result =
          CosignVerifier.verify(
              flaky.hostPort(), signed.repository, signed.digest(), signed.key.getPublic());
      assertThat(result.verified()).as(result.toString()).hasSize(1);
      assertThat(result.rejected()).isEmpty();
    }
    List<PublicationRow> done = rowsOf(forFlaky);
    assertThat(done).allSatisfy(row -> assertThat(row.status()).isEqualTo("PUBLISHED"));
    int attempts = done.stream().mapToInt(PublicationRow::attempts).sum();
    System.out.printf(
        "registry outage of %d s (max backoff %s): %d publications for the healthy registry done"
            + " %d s into it; %d for the stopped one pending meanwhile (attempts before its return:"
            + " %d), all published %d ms after it returned, %d attempts in all, none FAILED,"
            + " none twice%n",
        OUTAGE.toSeconds(),
        MAX_BACKOFF,
        forHealthy.size(),
        Duration.ofNanos(healthyDone - outageStart).toSeconds(),
        forFlaky.size(),
        waiting.stream().mapToInt(PublicationRow::attempts).sum(),
        drain.toMillis(),
        attempts);
    // One probe at a time while the registry is down: the probing row collects the attempts, the
    // others are tried once or twice before the outage is known, then wait.
    assertThat(
            waiting.stream().mapToInt(PublicationRow::attempts).sorted().limit(waiting.size() - 1))
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
  }

  // ---------------------------------------------------------------------------------------------

  record Signed(SignatureCreated signature, String repository, KeyPair key) {
    String digest() {
      return signature.getImage().getDigest();
    }
  }

  /** One image per repository, one key each. */
  List<Signed> signImages(String registry) throws Exception {
    List<Signed> signed = new ArrayList<>();
    for (int i = 0; i < IMAGES_PER_REGISTRY; i++) {
      String repository = TestSignatures.repository();
      TestImages.PushedImage image = TestImages.push(registry, repository, "1.0");
      KeyPair key = TestSignatures.ecKey();
      signed.add(
          new Signed(
              TestSignatures.signed(registry, repository, image.digest(), key, "outage-" + i),
              repository,
              key));
    }
    return signed;
  }

  void sendInterleaved(List<Signed> a, List<Signed> b) throws Exception {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < b.size()) {
        events.send(b.get(i).signature);
      }
      if (i < a.size()) {
        events.send(a.get(i).signature);
      }
    }
  }

  List<PublicationRow> rowsOf(List<Signed> signed) {
    return signed.stream()
        .flatMap(s -> rows.findByRequestIdOrderById(s.signature.getRequestId()).stream())
        .toList();
  }

  static List<SignatureCreated> signatures(List<Signed> signed) {
    return signed.stream().map(Signed::signature).toList();
  }

  static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
    long left = startNanos + after.toNanos() - System.nanoTime();
    if (left > 0) {
      Thread.sleep(Duration.ofNanos(left).toMillis());
    }
  }

  /** {@code 20s}, {@code 10m}, or ISO-8601 ({@code PT10M}). */
  static Duration duration(String text) {
    String value = text.trim().toLowerCase();
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    if (value.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    return Duration.parse(text);
  }
}
