package dev.hallmark.publisher.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.notary.SignedRole;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.KafkaTestClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * registry-publisher's Notary path against real Kafka, PostgreSQL, docker-registry, notary-server
 * and the notary client: a NOTARY grant on the signatures topic becomes a {@code targets/releases}
 * that {@code notary list} (trusting only the pinned root) shows. The server is reached through a
 * proxy that can lie, for the attacks the publisher must refuse; signer-service is stood in for by
 * {@link TestServers.Signer} (its checks are tested in signer-service).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotaryPublicationIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);

  final Infrastructure infra = TestInfrastructure.shared();
  final EventCodec codec = EventCodec.standard();
  final List<SpecificRecord> publications = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  @Inject ShiftableClock clock;

  Path dir;
  TestDelegationKey hallmarkKey;
  TestDelegationKey otherKey;
  TestServers.Signer signer;
  TestServers.HostileProxy proxy;
  NotaryCli notary;
  NotaryCli.RootPin pin;
  Path pinning;
  String registry;
  String gun;
  final Map<String, String> published = new HashMap<>();
  KafkaTestClient kafka;
  KafkaConsumer<String, byte[]> consumer;

  @Override
  public Map<String, String> getProperties() {
    assumeTrue(
        infra.registry().isPresent() && infra.notaryUrl().isPresent(),
        "no registry or notary-server in this test infrastructure");
    try {
      dir = Files.createTempDirectory("hallmark-notary-it-");
      hallmarkKey = TestDelegationKey.create(dir, "hallmark");
      otherKey = TestDelegationKey.create(dir, "intruder");
      signer = new TestServers.Signer(hallmarkKey);
      proxy = new TestServers.HostileProxy(URI.create(infra.notaryUrl().orElseThrow()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    registry = infra.registry().orElseThrow();
    gun = registry + "/it/notary-" + UUID.randomUUID().toString().substring(0, 8);
    pinning = dir.resolve("trust-pinning.json");
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.put("hallmark.notary.url", proxy.url().toString());
    properties.put("hallmark.notary.trust-pinning", pinning.toString());
    properties.put("hallmark.notary.signer-url", signer.url().toString());
    properties.put("hallmark.publisher.retry.backoff", "100ms");
    properties.put("hallmark.publisher.retry.max-backoff", "1s");
    properties.put("it.shiftable-clock", "true");
    return properties;
  }

  @BeforeAll
  void initializeTrustDataAndClients() throws Exception {
    notary = NotaryCli.open(dir.resolve("client"), infra.notaryUrl().orElseThrow());
    pin = notary.initializeRepository(gun, hallmarkKey.certificateFile);
    pinRoot(pin.rootKeyId());
    kafka = KafkaTestClient.of(infra);
    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.PUBLICATIONS.name()));
  }

  @AfterAll
  void close() {
    if (kafka != null) {
      kafka.close();
      consumer.close(Duration.ofSeconds(5));
    }
    if (signer != null) {
      signer.close();
      proxy.close();
    }
    if (dir != null) {
      try (var tree = Files.walk(dir)) {
        tree.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (java.io.IOException ignored) {
        // A temporary directory left behind is harmless.
      }
    }
  }

  @Test
  @Order(1)
  void firstTag_isPublished_andTheNotaryClientListsItUnderTargetsReleases() throws Exception {
    String timestampBefore = serverRole("timestamp");
    TestImages.PushedImage image = push("1.0");

    SignaturePublished event = awaitPublished(send(grant(image, "1.0")));

    assertThat(event.getMethod()).isEqualTo(SigningMethod.NOTARY);
    assertThat(event.getNotaryVersion()).isEqualTo(1);
    assertThat(event.getLocation()).endsWith("/v2/" + gun + "/_trust/tuf/targets/releases.json");
    assertListed();
    // The server re-signed snapshot and timestamp for the new document.
    assertThat(serverRole("timestamp")).isNotEqualTo(timestampBefore);
  }

  @Test
  @Order(2)
  void secondTag_keepsTheFirst() throws Exception {
    TestImages.PushedImage image = push("2.0");

    assertThat(awaitPublished(send(grant(image, "2.0"))).getNotaryVersion()).isEqualTo(2);
    assertListed();
  }

  @Test
  @Order(3)
  void twoTagsAtOnce_bothEndUpPublished() throws Exception {
    TestImages.PushedImage a = push("3.0");
    TestImages.PushedImage b = push("4.0");
    SignatureCreated first = grant(a, "3.0");
    SignatureCreated second = grant(b, "4.0");

    send(first);
    send(second);
    List<Integer> versions =
        List.of(
            awaitPublished(first).getNotaryVersion(), awaitPublished(second).getNotaryVersion());

    assertThat(versions).containsExactlyInAnyOrder(3, 4);
    assertListed();
  }

  @Test
  @Order(4)
  void rolledBackTimestamp_isRefused_andNothingIsPublished() throws Exception {
    // The publisher remembers the newest timestamp it verified: the one before its latest
    // publication. Two publications after this capture make the captured one older than that.
    byte[] old = roleBytes("timestamp");
    awaitPublished(send(grant(push("5.0"), "5.0")));
    awaitPublished(send(grant(push("5.1"), "5.1")));
    proxy.replaced.put(rolePath("timestamp"), old);
    try {
      assertRefused(grant(push("6.0"), "6.0"), "notary ROLLBACK: timestamp of " + gun);
    } finally {
      proxy.replaced.clear();
    }
  }

  @Test
  @Order(5)
  void expiredTimestamp_isRefused() throws Exception {
    clock.shift(Duration.ofDays(15));
    try {
      assertRefused(grant(push("7.0"), "7.0"), "notary EXPIRED: timestamp of " + gun + " expired");
    } finally {
      clock.shift(Duration.ZERO);
    }
  }

  @Test
  @Order(6)
  void releasesSignedByAnotherKey_isRefused() throws Exception {
    SignedRole current = SignedRole.parse("targets/releases", roleBytes("targets/releases"));
    proxy.replaced.put(
        rolePath("targets/releases"),
        otherKey.resign(current.signed(), CanonicalJson.encode(current.signed())));
    try {
      assertRefused(
          grant(push("8.0"), "8.0"),
          "notary BAD_SIGNATURE: targets/releases is signed by 0 of its keys");
    } finally {
      proxy.replaced.clear();
    }
  }

  @Test
  @Order(7)
  void rootOtherThanThePinnedOne_isRefused() throws Exception {
    pinRoot("ab".repeat(32));
    try {
      assertRefused(grant(push("9.0"), "9.0"), "notary ROOT_NOT_PINNED: root of " + gun);
    } finally {
      pinRoot(pin.rootKeyId());
    }
  }

  @Test
  @Order(8)
  void repositoryWithoutTrustData_isRefused() throws Exception {
    String repository = "it/notary-uninitialized-" + UUID.randomUUID().toString().substring(0, 8);
    TestImages.PushedImage image = TestImages.push(registry, repository, "1.0");

    PublicationFailed failed = awaitFailed(send(grant(image, "1.0")));

    assertThat(failed.getReason())
        .contains("notary NOT_INITIALIZED")
        .contains("was not initialized");
  }

  @Test
  @Order(8)
  void unreachableServer_grantWaits_andIsPublishedOnceTheServerAnswers() throws Exception {
    SignatureCreated grant = grant(push("11.0"), "11.0");
    proxy.down = true;
    try {
      send(grant);
      // Retried meanwhile (100 ms doubling up to 1 s), and never given up.
      Instant until = Instant.now().plus(Duration.ofSeconds(6));
      while (Instant.now().isBefore(until)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
          publications.add((SpecificRecord) codec.decode(record.value()));
        }
      }
      assertThat(publications)
          .noneMatch(
              event ->
                  event instanceof PublicationFailed f
                      && f.getRequestId().equals(grant.getRequestId()));
    } finally {
      proxy.down = false;
    }

    assertThat(awaitPublished(grant).getNotaryVersion()).isEqualTo(7);
    assertListed();
  }

  @Test
  @Order(9)
  void afterTheAttacks_theNextTagIsPublishedOnTopOfTheTrueState() throws Exception {
    assertThat(awaitPublished(send(grant(push("10.0"), "10.0"))).getNotaryVersion()).isEqualTo(8);
    assertListed();
  }

  @Test
  @Order(10)
  void repositoryInitializedAgain_underANewPinnedRoot_startsOverAtVersionOne() throws Exception {
    notary.deleteRepository(gun);
    pin = notary.initializeRepository(gun, hallmarkKey.certificateFile);
    pinRoot(pin.rootKeyId());
    published.clear();

    assertThat(awaitPublished(send(grant(push("12.0"), "12.0"))).getNotaryVersion()).isEqualTo(1);
    assertListed();
  }

  // ---------------------------------------------------------------------------------------------

  /** Refused with the reason, and the server's trust data is what it was. */
  void assertRefused(SignatureCreated grant, String reason) throws Exception {
    String before = serverRole("targets/releases");

    PublicationFailed failed = awaitFailed(send(grant));

    assertThat(failed.getReason()).contains(reason);
    assertThat(serverRole("targets/releases")).isEqualTo(before);
    assertListed();
  }

  /** The notary client, trusting only the pinned root, lists exactly the tags published so far. */
  void assertListed() {
    List<NotaryCli.Target> listed = notary.list(gun, pin);
    Map<String, String> byTag = new HashMap<>();
    for (NotaryCli.Target target : listed) {
      assertThat(target.role()).isEqualTo("targets/releases");
      byTag.put(target.name(), "sha256:" + target.sha256Hex() + " " + target.size());
    }
    assertThat(byTag).isEqualTo(published);
  }

  TestImages.PushedImage push(String tag) throws Exception {
    String repository = gun.substring(registry.length() + 1);
    return TestImages.push(registry, repository, tag);
  }

  SignatureCreated grant(TestImages.PushedImage image, String tag) throws Exception {
    UUID requestId = UUID.randomUUID();
    String imageGun = image.registry() + "/" + image.repository();
    byte[] payload =
        CanonicalJson.encode(
            Map.of(
                "_type", "HallmarkNotaryGrant",
                "digest", image.digest(),
                "gun", imageGun,
                "requestId", requestId.toString(),
                "tags", List.of(tag)));
    if (imageGun.equals(gun)) {
      expectListed(tag, image);
    }
    return SignatureCreated.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(requestId)
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setImage(
            ImageRef.newBuilder()
                .setRegistry(image.registry())
                .setRepository(image.repository())
                .setDigest(image.digest())
                .setTags(List.of(tag))
                .build())
        .setMethod(SigningMethod.NOTARY)
        .setKeyId("hallmark")
        .setPayload(ByteBuffer.wrap(payload))
        .setSignature(ByteBuffer.wrap(new byte[] {1}))
        .setPayloadDigest(
            "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)))
        .build();
  }

  /** What a successful publication of the tag adds; removed again by refused ones. */
  private final Map<String, String> pending = new HashMap<>();

  void expectListed(String tag, TestImages.PushedImage image) throws Exception {
    pending.put(tag, image.digest() + " " + TestImages.manifestSize(image));
  }

  SignatureCreated send(SignatureCreated signature) throws Exception {
    kafka.send(Topics.SIGNATURES.name(), Topics.imageKey(signature.getImage()), signature);
    return signature;
  }

  SignaturePublished awaitPublished(SignatureCreated signature) throws Exception {
    SpecificRecord event = await(signature);
    if (event instanceof PublicationFailed failed) {
      throw new AssertionError("publication failed: " + failed.getReason());
    }
    String tag = signature.getImage().getTags().get(0);
    published.put(tag, pending.remove(tag));
    return (SignaturePublished) event;
  }

  PublicationFailed awaitFailed(SignatureCreated signature) throws Exception {
    SpecificRecord event = await(signature);
    if (event instanceof SignaturePublished) {
      throw new AssertionError("published, but should have been refused");
    }
    pending.remove(signature.getImage().getTags().get(0));
    return (PublicationFailed) event;
  }

  SpecificRecord await(SignatureCreated signature) throws Exception {
    return Await.until(
        "the publication outcome of " + signature.getRequestId(),
        WAIT,
        () -> pollOutcome(signature),
        Objects::nonNull);
  }

  /** Polls the publications once; the outcome for the signature's request, or null. */
  private SpecificRecord pollOutcome(SignatureCreated signature) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
      publications.add((SpecificRecord) codec.decode(record.value()));
    }
    for (SpecificRecord event : new ArrayList<>(publications)) {
      if ((event instanceof SignaturePublished p
              && p.getRequestId().equals(signature.getRequestId()))
          || (event instanceof PublicationFailed f
              && f.getRequestId().equals(signature.getRequestId()))) {
        return event;
      }
    }
    return null;
  }

  void pinRoot(String rootKeyId) throws Exception {
    Files.writeString(pinning, json.writeValueAsString(Map.of(gun, List.of(rootKeyId))));
  }

  String rolePath(String role) {
    return "/v2/" + gun + "/_trust/tuf/" + role + ".json";
  }

  byte[] roleBytes(String role) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(infra.notaryUrl().orElseThrow() + rolePath(role)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  String serverRole(String role) throws Exception {
    return new String(roleBytes(role), java.nio.charset.StandardCharsets.UTF_8);
  }
}
