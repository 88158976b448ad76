package dev.hallmark.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.deploy.local.verify.VerificationResult;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.publisher.registry.RegistrySettings;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.DeadLetterHeaders;
import dev.hallmark.schemas.topics.Services;
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
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * registry-publisher end to end against real Kafka, PostgreSQL and docker-registry: a
 * SignatureCreated on the signatures topic becomes a cosign {@code .sig} manifest that the
 * independent {@link CosignVerifier} accepts, and a SignaturePublished (or PublicationFailed) on
 * the publications topic.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationIT implements TestPropertyProvider {
  static final Duration WAIT = Duration.ofSeconds(60);

  final Infrastructure infra = TestInfrastructure.shared();
  final EventCodec codec = EventCodec.standard();
  final List<SpecificRecord> publications = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  @Inject List<RegistrySettings> registries;
  KafkaTestClient kafka;
  KafkaConsumer<String, byte[]> consumer;
  String registry;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    // Fast retries: a lost update or a registry race is tried again within a second.
    properties.put("hallmark.publisher.retry.backoff", "200ms");
    properties.put("hallmark.publisher.retry.max-backoff", "1s");
    properties.put("hallmark.publisher.client-attempts", "2");
    properties.put("hallmark.publisher.connect-timeout", "1s");
    // A configured registry entry, to check the binding (loopback is plain HTTP anyway).
    properties.put("hallmark.registries.it.host", infra.registry().orElse("127.0.0.1:1"));
    properties.put("hallmark.registries.it.insecure", "true");
    return properties;
  }

  @BeforeAll
  void clients() {
    assumeTrue(infra.registry().isPresent(), "no registry in this test infrastructure");
    registry = infra.registry().orElseThrow();
    kafka = KafkaTestClient.of(infra);
    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
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
  }

  @Test
  void signatureCreated_pushedImage_publishesVerifiableSigAndSignaturePublished() throws Exception {
    String repository = TestSignatures.repository();
    TestImages.PushedImage image = TestImages.push(registry, repository, "1.0");
    KeyPair key = TestSignatures.ecKey();
    SignatureCreated signature =
        TestSignatures.signed(image.registry(), repository, image.digest(), key, "key-a");

    long start = System.nanoTime();
    send(signature);
    SignaturePublished published = awaitPublished(signature);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    String tag = image.digest().replace(':', '-') + ".sig";
    assertThat(published.getLocation()).isEqualTo(registry + "/" + repository + ":" + tag);
    assertThat(published.getRequestId()).isEqualTo(signature.getRequestId());
    assertThat(published.getMethod()).isEqualTo(SigningMethod.COSIGN);
    assertThat(published.getKeyId()).isEqualTo("key-a");
    assertThat(published.getNotaryVersion()).isNull();
    assertThat(published.getImage().getDigest()).isEqualTo(image.digest());
    VerificationResult result =
        CosignVerifier.verify(registry, repository, image.digest(), key.getPublic());
    assertThat(result.isVerified()).as(result.toString()).isTrue();
    assertThat(result.verified()).hasSize(1);
    assertThat(result.rejected()).isEmpty();
    assertThat(sigManifestContentType(repository, tag))
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    System.out.printf(
        "publication: SignatureCreated sent -> SignaturePublished received in %d ms%n",
        took.toMillis());
  }

  @Test
  void twoKeys_oneDigest_bothLayersPresentAndEachVerifies() throws Exception {
    String repository = TestSignatures.repository();
    TestImages.PushedImage image = TestImages.push(registry, repository, "1.0");
    KeyPair first = TestSignatures.ecKey();
    KeyPair second = TestSignatures.ecKey();
    SignatureCreated a =
        TestSignatures.signed(registry, repository, image.digest(), first, "key-1");
    SignatureCreated b =
        TestSignatures.signed(registry, repository, image.digest(), second, "key-2");

    send(a);
    send(b);
    awaitPublished(a);
    awaitPublished(b);

    VerificationResult byFirst =
        CosignVerifier.verify(registry, repository, image.digest(), first.getPublic());
    VerificationResult bySecond =
        CosignVerifier.verify(registry, repository, image.digest(), second.getPublic());
    assertThat(byFirst.verified()).hasSize(1);
    assertThat(byFirst.rejected()).hasSize(1);
    assertThat(bySecond.verified()).hasSize(1);
    assertThat(bySecond.rejected()).hasSize(1);
    assertThat(byFirst.verified().get(0).layer()).isNotEqualTo(bySecond.verified().get(0).layer());
  }

  @Test
  void sameEventTwice_publishesOneLayerAndOneSignaturePublished() throws Exception {
    String repository = TestSignatures.repository();
    TestImages.PushedImage image = TestImages.push(registry, repository, "1.0");
    KeyPair key = TestSignatures.ecKey();
    SignatureCreated signature =
        TestSignatures.signed(registry, repository, image.digest(), key, "key-dup");
    KeyPair markerKey = TestSignatures.ecKey();
    SignatureCreated marker =
        TestSignatures.signed(registry, repository, image.digest(), markerKey, "key-marker");

    send(signature);
    awaitPublished(signature);
    send(signature);
    // Same key, same partition: once the marker is published, the duplicate was processed too.
    send(marker);
    awaitPublished(marker);

    assertThat(publishedFor(signature)).hasSize(1);
    VerificationResult result =
        CosignVerifier.verify(registry, repository, image.digest(), key.getPublic());
    assertThat(result.verified()).hasSize(1);
    assertThat(result.verified().size() + result.rejected().size()).isEqualTo(2);
  }

  @Test
  void manyDigestsAndKeys_interleaved_everySignatureLandsOnItsDigest() throws Exception {
    int digests = 3;
    int keys = 3;
    List<String> repositories = new ArrayList<>();
    List<String> imageDigests = new ArrayList<>();
    for (int i = 0; i < digests; i++) {
      String repository = TestSignatures.repository();
      repositories.add(repository);
      imageDigests.add(TestImages.push(registry, repository, "1.0").digest());
    }
    List<KeyPair> keyPairs = new ArrayList<>();
    List<SignatureCreated> all = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      keyPairs.add(TestSignatures.ecKey());
      for (int i = 0; i < digests; i++) {
        all.add(
            TestSignatures.signed(
                registry, repositories.get(i), imageDigests.get(i), keyPairs.get(k), "k" + k));
      }
    }

    long start = System.nanoTime();
    for (SignatureCreated signature : all) {
      send(signature);
    }
    for (SignatureCreated signature : all) {
      awaitPublished(signature);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    for (int i = 0; i < digests; i++) {
      for (KeyPair key : keyPairs) {
        VerificationResult result =
            CosignVerifier.verify(
                registry, repositories.get(i), imageDigests.get(i), key.getPublic());
        assertThat(result.verified()).as(result.toString()).hasSize(1);
        assertThat(result.rejected()).hasSize(keys - 1);
      }
    }
    System.out.printf(
        "publication: %d signatures on %d digests published in %d ms (%d ms each on average)%n",
        all.size(), digests, took.toMillis(), took.toMillis() / all.size());
  }

  @Test
  void imageIndex_signedByIndexDigest_verifies() throws Exception {
    String repository = TestSignatures.repository();
    TestImages.PushedIndex index = TestImages.pushIndex(registry, repository, "multi");
    KeyPair key = TestSignatures.ecKey();
    SignatureCreated signature =
        TestSignatures.signed(registry, repository, index.indexDigest(), key, "key-index");

    send(signature);
    awaitPublished(signature);

    assertThat(
            CosignVerifier.verify(registry, repository, index.indexDigest(), key.getPublic())
                .isVerified())
        .isTrue();
  }

  @Test
  void registriesConfiguration_isBoundPerEntry() {
    assertThat(registries)
        .singleElement()
        .satisfies(
            settings -> {
              assertThat(settings.name()).isEqualTo("it");
              assertThat(settings.effectiveHost()).isEqualTo(registry);
              assertThat(settings.insecure()).isTrue();
            });
  }

  @Test
  void decisionRejected_onSignaturesTopic_isSkippedNotParked() throws Exception {
    String key = "rejected-" + UUID.randomUUID();
    DecisionRejected rejected =
        DecisionRejected.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.randomUUID())
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setDecisionEventId(UUID.randomUUID())
            .setImages(List.of())
            .setReason("decision is not authenticated: no authenticator")
            .build();
    kafka.send(Topics.SIGNATURES.name(), key, rejected);
    // Garbage after it on the same partition is parked: once it is, the rejection was handled.
    byte[] garbage = "not an event".getBytes(StandardCharsets.UTF_8);
    kafka.send(Topics.SIGNATURES.name(), key, garbage);

    kafka.awaitDeadLetter(Services.REGISTRY_PUBLISHER, key, WAIT);
    List<byte[]> parked =
        kafka.deadLetters(Services.REGISTRY_PUBLISHER).stream()
            .filter(record -> key.equals(KafkaTestClient.key(record)))
            .map(ConsumerRecord::value)
            .toList();

    assertThat(parked).as("dead letters with key %s", key).containsExactly(garbage);
  }

  @Test
  void garbage_onSignaturesTopic_isParkedAsDeadLetter() throws Exception {
    String key = "garbage-" + UUID.randomUUID();
    kafka.send(Topics.SIGNATURES.name(), key, "not an event".getBytes(StandardCharsets.UTF_8));

    ConsumerRecord<byte[], byte[]> parked =
        kafka.awaitDeadLetter(Services.REGISTRY_PUBLISHER, key, WAIT);
    assertThat(KafkaTestClient.header(parked, DeadLetterHeaders.REASON)).isNotBlank();
  }

  // ---------------------------------------------------------------------------------------------

  void send(SignatureCreated signature) throws Exception {
    kafka.send(Topics.SIGNATURES.name(), Topics.imageKey(signature.getImage()), signature);
  }

  SignaturePublished awaitPublished(SignatureCreated signature) throws Exception {
    return (SignaturePublished)
        await(
            event -> {
              if (event instanceof PublicationFailed f
                  && f.getRequestId().equals(signature.getRequestId())) {
                throw new AssertionError("publication failed: " + f.getReason());
              }
              return event instanceof SignaturePublished p
                  && p.getRequestId().equals(signature.getRequestId());
            });
  }

  List<SignaturePublished> publishedFor(SignatureCreated signature) {
    poll(Duration.ofSeconds(2));
    return publications.stream()
        .filter(e -> e instanceof SignaturePublished)
        .map(e -> (SignaturePublished) e)
        .filter(p -> p.getImage().getDigest().equals(signature.getImage().getDigest()))
        .filter(p -> p.getKeyId().equals(signature.getKeyId()))
        .toList();
  }

  SpecificRecord await(Predicate<SpecificRecord> wanted) throws Exception {
    return Await.until(
            "a matching publication event",
            WAIT,
            () -> {
              poll(Duration.ofMillis(200));
              return publications.stream().filter(wanted).findFirst();
            },
            Optional::isPresent)
        .orElseThrow();
  }

  void poll(Duration timeout) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      publications.add(codec.decode(record.value()));
    }
  }

  String sigManifestContentType(String repository, String tag) throws Exception {
    HttpResponse<Void> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return response.headers().firstValue("Content-Type").orElse("");
  }
}
