package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.checkpoint.CheckpointExport;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.merkle.IndependentMerkle;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.schemas.topics.Topics;
import dev.hallmark.testing.KafkaTestClient;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an outside auditor sees: two checkpoints made on demand, their signatures, inclusion and
 * consistency proofs from the API, each checked here with code independent of the service's (the
 * JDK's Ed25519 over the documented note text, RFC 6962 recomputed literally); the checkpoint event
 * on the audit topic and the export directory.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerProofsIT implements TestPropertyProvider {
  static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
  final Infrastructure infra = TestInfrastructure.shared();

  @Inject LedgerAppender appender;
  @Inject CheckpointExport export;

  @Inject
  @Client("/")
  HttpClient http;

  Map<String, Object> first;
  Map<String, Object> second;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(AuditServiceProperties.of(infra));
    properties.put("hallmark.audit.checkpoint-interval", "1h");
    return properties;
  }

  @BeforeAll
  void twoCheckpoints() {
    appender.append(TestEntries.drafts(5, "proofs"));
    HttpResponse<Map<String, Object>> made = postCheckpoint();
    assertThat(made.code()).isEqualTo(HttpStatus.CREATED.getCode());
    first = made.body();
    appender.append(TestEntries.drafts(7, "proofs"));
    made = postCheckpoint();
    assertThat(made.code()).isEqualTo(HttpStatus.CREATED.getCode());
    second = made.body();
  }

  @Test
  void latestCheckpoint_signature_verifiesWithTheJdkAndThePublicKeyFromTheApi() throws Exception {
    Map<String, Object> latest = get("/api/v1/audit/checkpoints/latest");
    Map<String, Object> key = get("/api/v1/audit/public-key");
    PublicKey publicKey = publicKey((String) key.get("pem"));
    String note = (String) latest.get("note");
    String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
    String[] lines = text.split("\n");
    byte[] signature = Base64.getDecoder().decode((String) latest.get("signature"));

    assertThat(latest).isEqualTo(second);
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo("hallmark.test/audit").isEqualTo(key.get("keyName"));
    assertThat(Long.parseLong(lines[1])).isEqualTo(number(latest, "treeSize"));
    assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(lines[2])))
        .isEqualTo(latest.get("rootHash"));
    assertThat(lines[3]).isEqualTo("timestamp " + latest.get("timestamp"));
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(publicKey);
    ed25519.update(text.getBytes(StandardCharsets.UTF_8));
    assertThat(ed25519.verify(signature)).isTrue();

    String signatureLine = note.substring(note.lastIndexOf("\n\n") + 2);
    String prefix = "\u2014 " + lines[0] + " ";
    assertThat(signatureLine).startsWith(prefix).endsWith("\n");
    byte[] keyIdAndSignature =
        Base64.getDecoder().decode(signatureLine.substring(prefix.length()).trim());
    byte[] spki = publicKey.getEncoded();
    byte[] noteKeyId =
        Arrays.copyOf(
            IndependentMerkle.sha256(
                (lines[0] + "\n").getBytes(StandardCharsets.UTF_8),
                new byte[] {1},
                Arrays.copyOfRange(spki, spki.length - 32, spki.length)),
            4);
    assertThat(Arrays.copyOf(keyIdAndSignature, 4)).isEqualTo(noteKeyId);
    assertThat(Arrays.copyOfRange(keyIdAndSignature, 4, 68)).isEqualTo(signature);
    assertThat(key.get("noteKeyId")).isEqualTo(HexFormat.of().formatHex(noteKeyId));
    assertThat(latest.get("keyId"))
        .isEqualTo(key.get("keyId"))
        .isEqualTo(HexFormat.of().formatHex(IndependentMerkle.sha256(spki)));
  }

  @Test
  void inclusionProofs_entriesOfTheLatestCheckpoint_leadToItsRoot() {
    long size = number(second, "treeSize");
    byte[] root = HexFormat.of().parseHex((String) second.get("rootHash"));

    for (long seq : List.of(0L, size / 2, size - 8, size - 1)) {
      Map<String, Object> proof =
          get("/api/v1/audit/entries/" + seq + "/inclusion-proof?treeSize=" + size);
      byte[] leaf = Base64.getDecoder().decode((String) proof.get("leaf"));
      byte[] leafHash = IndependentMerkle.leafHash(leaf);

      assertThat(number(proof, "leafIndex")).isEqualTo(seq);
      assertThat(number(proof, "treeSize")).isEqualTo(size);
      assertThat(new String(leaf, StandardCharsets.UTF_8)).contains("\"seq\":" + seq + ",");
      assertThat(IndependentMerkle.rootFromPath(seq, size, leafHash, hashes(proof)))
          .as("seq %d", seq)
          .isEqualTo(root);
    }
    Map<String, Object> byDefault = get("/api/v1/audit/entries/" + (size - 1) + "/inclusion-proof");
    assertThat(number(byDefault, "treeSize")).isEqualTo(size);
  }

  @Test
  void consistencyProof_betweenTheTwoCheckpoints_verifies() {
    long from = number(first, "treeSize");
    long to = number(second, "treeSize");
    byte[] fromRoot = HexFormat.of().parseHex((String) first.get("rootHash"));
    byte[] toRoot = HexFormat.of().parseHex((String) second.get("rootHash"));

    List<byte[]> proof = hashes(get("/api/v1/audit/consistency-proof?from=" + from + "&to=" + to));

    assertThat(to - from).isEqualTo(7);
    assertThat(IndependentMerkle.consistent(from, to, fromRoot, toRoot, proof)).isTrue();
    List<byte[]> tampered = new ArrayList<>(proof);
    tampered.set(0, IndependentMerkle.sha256(proof.get(0)));
    assertThat(IndependentMerkle.consistent(from, to, fromRoot, toRoot, tampered)).isFalse();
  }

  @Test
  void checkpoint_isPublishedOnTheAuditTopic() throws Exception {
    long size = number(second, "treeSize");
    ConsumerRecord<byte[], byte[]> record;
    try (KafkaTestClient kafka = KafkaTestClient.of(infra)) {
      record =
          kafka.awaitFirst(
              Topics.AUDIT.name(),
              r ->
                  KafkaTestClient.decode(r) instanceof AuditCheckpoint checkpoint
                      && checkpoint.getTreeSize() == size
                      && checkpoint.getNote().equals(second.get("note")),
              Duration.ofSeconds(60));
    }
    assertThat(KafkaTestClient.key(record)).isEqualTo("-");
    AuditCheckpoint published = (AuditCheckpoint) KafkaTestClient.decode(record);
    assertThat(published.getRootHash()).isEqualTo(second.get("rootHash"));
    assertThat(published.getOrigin()).isEqualTo("hallmark.test/audit");
  }

  @Test
  void export_holdsTheLatestCheckpointAndTheLeafHashesItCovers() throws Exception {
    long size = number(second, "treeSize");
    Path dir = export.directory();

    assertThat(Files.readString(dir.resolve(CheckpointExport.CHECKPOINT)))
        .isEqualTo(second.get("note"));
    assertThat(Files.readString(dir.resolve(CheckpointExport.CHECKPOINT_JSON)))
        .contains("\"treeSize\":" + size + "}");
    List<String> lines = Files.readAllLines(dir.resolve(CheckpointExport.LEAF_HASHES));
    assertThat(lines).hasSizeGreaterThanOrEqualTo((int) size);
    Map<String, Object> proof =
        get("/api/v1/audit/entries/" + (size - 3) + "/inclusion-proof?treeSize=" + size);
    byte[] leaf = Base64.getDecoder().decode((String) proof.get("leaf"));
    assertThat(lines.get((int) size - 3))
        .isEqualTo(HexFormat.of().formatHex(IndependentMerkle.leafHash(leaf)));
    assertThat(Files.readString(dir.resolve(CheckpointExport.PUBLIC_KEY)))
        .isEqualTo(get("/api/v1/audit/public-key").get("pem"));
  }

  @Test
  void postCheckpoint_withoutNewEntries_answers200WithTheLatest() {
    HttpResponse<Map<String, Object>> again = postCheckpoint();

    assertThat(again.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(again.body()).isEqualTo(second);
  }

  @Test
  void verify_untouchedLedger_isValidUpToTheLatestCheckpoint() {
    Map<String, Object> report = get("/api/v1/audit/verify");

    assertThat(report).containsEntry("valid", true).doesNotContainKey("problems");
    assertThat(number(report, "treeSize")).isEqualTo(number(second, "treeSize"));
  }

  @Test
  void proofs_badParameters_answer400NamingTheParameter() {
    long size = number(second, "treeSize");

    assertThat(badRequestField("/api/v1/audit/entries/x/inclusion-proof?treeSize=3"))
        .isEqualTo("seq");
    assertThat(badRequestField("/api/v1/audit/entries/1/inclusion-proof?treeSize=0"))
        .isEqualTo("treeSize");
    assertThat(badRequestField("/api/v1/audit/entries/1/inclusion-proof?treeSize=" + (size + 1000)))
        .isEqualTo("treeSize");
    assertThat(badRequestField("/api/v1/audit/entries/5/inclusion-proof?treeSize=5"))
        .isEqualTo("seq");
    assertThat(badRequestField("/api/v1/audit/consistency-proof?from=1")).isEqualTo("to");
    assertThat(badRequestField("/api/v1/audit/consistency-proof?from=4&to=3")).isEqualTo("from");
    assertThat(badRequestField("/api/v1/audit/consistency-proof?from=1&to=" + (size + 1000)))
        .isEqualTo("to");
    assertThat(badRequestField("/api/v1/audit/consistency-proof?from=-1&to=3")).isEqualTo("from");
  }

  @Test
  void inclusionProof_seqBeyondTheLedger_answers404() {
    HttpClientResponseException missing =
        org.junit.jupiter.api.Assertions.assertThrows(
            HttpClientResponseException.class,
            () -> get("/api/v1/audit/entries/999999999/inclusion-proof?treeSize=1"));

    assertThat(missing.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    assertThat(missing.getResponse().getContentType().map(Object::toString))
        .hasValue("application/problem+json");
  }

  private String badRequestField(String uri) {
    HttpClientResponseException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            HttpClientResponseException.class, () -> get(uri));
    assertThat(refused.code()).as(uri).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    Map<String, Object> problem = refused.getResponse().getBody(JSON).orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
    assertThat(errors).as(uri).hasSize(1);
    return (String) errors.get(0).get("field");
  }

  private HttpResponse<Map<String, Object>> postCheckpoint() {
    return http.toBlocking().exchange(HttpRequest.POST("/api/v1/audit/checkpoints", ""), JSON);
  }

  private Map<String, Object> get(String uri) {
    return http.toBlocking().retrieve(HttpRequest.GET(uri), JSON);
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]> hashes(Map<String, Object> proof) {
    return ((List<String>) proof.get("hashes")).stream().map(HexFormat.of()::parseHex).toList();
  }

  private static long number(Map<String, Object> json, String name) {
    return ((Number) json.get(name)).longValue();
  }

  private static PublicKey publicKey(String pem) throws Exception {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
