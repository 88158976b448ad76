package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.StackSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 8's acceptance on the whole stack: after a signing request went through intake, policy,
 * signer and publisher (cosign and Notary v1), audit-service's ledger holds its entries, complete
 * and in order, with the details the leaves promise; a denied request's entries carry the reason.
 * Then the ledger is checked the way an outside auditor would, with code that shares nothing with
 * audit-service: the checkpoint's Ed25519 signature over its C2SP note (JDK), every entry's
 * inclusion proof against the checkpoint's root and a consistency proof from an earlier checkpoint
 * ({@link Rfc6962}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLedgerAcceptanceIT {
  /** Generous: the stack shares two cores with other builds. */
  static final Duration DEADLINE = Duration.ofSeconds(180);

  final ObjectMapper json = new ObjectMapper();
  StackSession stack;
  String registry;
  String audit;

  /** Signed before the flows below: the consistency proof starts here. */
  JsonNode earlierCheckpoint;

  String signedRequest;
  PushedImage signedImage;
  String deniedRequest;

  @BeforeAll
  void up() throws Exception {
    stack = StackSession.up("--no-demo");
    registry = stack.env("HALLMARK_REGISTRY");
    audit = stack.env("HALLMARK_AUDIT_URL") + "/api/v1/audit";
    HttpResponse<String> made =
        stack.send("POST", audit + "/checkpoints", stack.env("HALLMARK_AUDIT_TOKEN"), null);
    assertThat(made.statusCode()).as(made.body()).isIn(200, 201);
    earlierCheckpoint = json.readTree(made.body());
  }

  @AfterAll
  void down() throws Exception {
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  @Order(1)
  void signedRequest_cosignAndNotary_ledgerHoldsEveryStepInOrderWithItsDetails() throws Exception {
    signedImage = TestImages.push(registry, "demo/app", "audit-e2e");
    signedRequest =
        submit(
            """
            {"project": "demo", "signingPolicy": "default", "methods": ["cosign", "notary"],
             "artifacts": [{"repository": "%s/demo/app", "digest": "%s", "tags": ["audit-1.0"]}]}
            """
                .formatted(registry, signedImage.digest()));
    awaitStatus(signedRequest, "COMPLETED");

    List<JsonNode> entries =
        awaitEntries(
            signedRequest,
            found ->
                count(found, "SigningRequested") == 1
                    && count(found, "PolicyDecision") == 1
                    && count(found, "SignatureCreated") == 2
                    && count(found, "SignaturePublished") == 2);

    assertThat(entries).hasSize(6);
    assertInSeqOrder(entries);
    Map<String, JsonNode> leaves = leavesAtLatestCheckpoint(entries);
    JsonNode requested = only(leaves, "SigningRequested");
    JsonNode decided = only(leaves, "PolicyDecision");
    List<JsonNode> signed = all(leaves, "SignatureCreated");
    List<JsonNode> published = all(leaves, "SignaturePublished");
    assertCausalOrder(requested, decided, signed, published);

    JsonNode submitter = requested.path("details").path("submitter");
    assertThat(submitter.path("kind").asText()).isEqualTo("CI_TOKEN");
    assertThat(submitter.path("name").asText()).isEqualTo("ci");
    assertThat(submitter.path("remoteAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(requested.path("details").path("project").asText()).isEqualTo("demo");
    assertThat(requested.path("details").toString()).doesNotContain(stack.env("HALLMARK_CI_TOKEN"));

    JsonNode decision = decided.path("details");
    assertThat(decision.path("policy").asText()).isEqualTo("default");
    assertThat(decision.path("policyVersion").isIntegralNumber()).as(decision.toString()).isTrue();
    assertThat(decision.path("policyVersion").asLong()).isPositive();
    assertThat(decision.path("outcome").asText()).isEqualTo("APPROVED");

    Map<String, JsonNode> signedByMethod = byMethod(signed);
    assertThat(signedByMethod).containsOnlyKeys("COSIGN", "NOTARY");
    for (JsonNode signature : signedByMethod.values()) {
      JsonNode details = signature.path("details");
      assertThat(details.path("keyId").asText()).isEqualTo(stack.env("HALLMARK_COSIGN_KEY_ID"));
      assertThat(details.path("payloadDigest").asText()).matches("sha256:[0-9a-f]{64}");
      assertThat(details.path("image").path("digest").asText()).isEqualTo(signedImage.digest());
    }

    Map<String, JsonNode> publishedByMethod = byMethod(published);
    assertThat(publishedByMethod).containsOnlyKeys("COSIGN", "NOTARY");
    assertThat(publishedByMethod.get("COSIGN").path("details").path("location").asText())
        .isEqualTo(registry + "/demo/app:" + signedImage.digest().replace(':', '-') + ".sig");
    JsonNode notary = publishedByMethod.get("NOTARY").path("details");
    assertThat(notary.path("location").asText()).contains(registry + "/demo/app");
    assertThat(notary.path("notaryVersion").isIntegralNumber()).as(notary.toString()).isTrue();
    assertThat(notary.path("notaryVersion").asLong()).isPositive();
  }

  @Test
  @Order(2)
  void deniedRequest_ledgerHoldsTheDecisionWithItsReason() throws Exception {
    PushedImage image = TestImages.push(registry, "elsewhere/audited", "1.0");
    deniedRequest =
        submit(
            """
            {"project": "demo", "signingPolicy": "default", "methods": ["cosign"],
             "artifacts": [{"repository": "%s/elsewhere/audited", "digest": "%s", "tags": ["1.0"]}]}
            """
                .formatted(registry, image.digest()));
    String status = awaitStatus(deniedRequest, "DENIED");
    String reason = "repository " + registry + "/elsewhere/audited is not covered by policy";
    assertThat(status).contains(reason);

    List<JsonNode> entries =
        awaitEntries(
            deniedRequest,
            found -> count(found, "SigningRequested") == 1 && count(found, "PolicyDecision") == 1);

    assertThat(entries).hasSize(2);
    assertInSeqOrder(entries);
    assertThat(
            entries.stream()
                .filter(e -> e.path("eventType").asText().equals("PolicyDecision"))
                .findFirst()
                .orElseThrow()
                .path("reason")
                .asText())
        .contains(reason);
    JsonNode decision = only(leavesAtLatestCheckpoint(entries), "PolicyDecision").path("details");
    assertThat(decision.path("outcome").asText()).isEqualTo("DENIED");
    assertThat(decision.path("reason").asText()).contains(reason);
  }

  @Test
  @Order(3)
  void registryPush_ledgerNamesTheWebhookItsDeliveryIdAndWhereItCameFrom() throws Exception {
    PushedImage pushed = TestImages.push(registry, "demo/app", "audit-push");
    String requestId = awaitRequestOfDigest(pushed.digest());

    List<JsonNode> entries =
        awaitEntries(
            requestId,
            found ->
                count(found, "SigningRequested") == 1
                    && count(found, "PolicyDecision") == 1
                    && count(found, "SignaturePublished") >= 1);

    assertInSeqOrder(entries);
    JsonNode requested = only(leavesAtLatestCheckpoint(entries), "SigningRequested");
    JsonNode details = requested.path("details");
    JsonNode submitter = details.path("submitter");
    assertThat(submitter.path("kind").asText()).isEqualTo("REGISTRY_WEBHOOK");
    assertThat(submitter.path("name").asText()).isNotBlank();
    // For a push, where the image came from: the pushing client as the registry saw it (host:port
    // from the notification's request.addr), not the registry that called the webhook.
    assertThat(submitter.path("remoteAddress").asText()).matches("127\\.0\\.0\\.1:[0-9]+");
    assertThat(details.path("webhookDeliveryId").asText()).as(details.toString()).isNotBlank();
    assertThat(details.path("images").get(0).path("digest").asText()).isEqualTo(pushed.digest());
    assertThat(details.toString()).doesNotContain(stack.env("HALLMARK_WEBHOOK_SECRET"));
  }

  @Test
  @Order(4)
  void checkpoint_signedNoteVerifiesWithThePublicKey_andProvesEveryEntryAndTheEarlierTree()
      throws Exception {
    HttpResponse<String> made =
        stack.send("POST", audit + "/checkpoints", stack.env("HALLMARK_AUDIT_TOKEN"), null);
    assertThat(made.statusCode()).as(made.body()).isIn(200, 201);
    JsonNode checkpoint = getJson(audit + "/checkpoints/latest");
    long treeSize = checkpoint.path("treeSize").asLong();
    byte[] root = HexFormat.of().parseHex(checkpoint.path("rootHash").asText());

    assertSignedNote(checkpoint, getJson(audit + "/public-key"));
    assertSignedNote(earlierCheckpoint, getJson(audit + "/public-key"));

    List<JsonNode> entries = new ArrayList<>(entriesOf(signedRequest));
    entries.addAll(entriesOf(deniedRequest));
    assertThat(entries).hasSize(8);
    for (JsonNode entry : entries) {
      long seq = entry.path("seq").asLong();
      assertThat(seq).isLessThan(treeSize);
      JsonNode proof = getJson(audit + "/entries/" + seq + "/inclusion-proof?treeSize=" + treeSize);
      byte[] leaf = Base64.getDecoder().decode(proof.path("leaf").asText());
      assertThat(json.readTree(leaf).path("seq").asLong()).isEqualTo(seq);
      assertThat(
              Rfc6962.verifyInclusion(seq, treeSize, Rfc6962.leafHash(leaf), hashes(proof), root))
          .as("inclusion of entry %d in the tree of %d", seq, treeSize)
          .isTrue();
      byte[] altered = leaf.clone();
      altered[altered.length / 2] ^= 1;
      assertThat(
              Rfc6962.verifyInclusion(
                  seq, treeSize, Rfc6962.leafHash(altered), hashes(proof), root))
          .as("an altered leaf of entry %d", seq)
          .isFalse();
    }

    long earlierSize = earlierCheckpoint.path("treeSize").asLong();
    assertThat(earlierSize).isLessThan(treeSize);
    JsonNode consistency =
        getJson(audit + "/consistency-proof?from=" + earlierSize + "&to=" + treeSize);
    assertThat(
            Rfc6962.verifyConsistency(
                earlierSize,
                treeSize,
                HexFormat.of().parseHex(earlierCheckpoint.path("rootHash").asText()),
                root,
                hashes(consistency)))
        .as("the tree of %d extends the tree of %d", treeSize, earlierSize)
        .isTrue();

    JsonNode verify = getJson(audit + "/verify");
    assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
    assertThat(verify.path("treeSize").asLong()).isGreaterThanOrEqualTo(treeSize);
  }

  /**
   * The note's text (origin, size, base64 root, timestamp line) is signed with Ed25519 by the key
   * the service publishes; the signature line carries the C2SP key id and the same signature.
   */
  private void assertSignedNote(JsonNode checkpoint, JsonNode publicKey) throws Exception {
    String note = checkpoint.path("note").asText();
    int blank = note.indexOf("\n\n");
    assertThat(blank).as(note).isPositive();
    String text = note.substring(0, blank + 1);
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(4);
    String origin = publicKey.path("keyName").asText();
    assertThat(lines[0]).isEqualTo(origin);
    assertThat(Long.parseLong(lines[1])).isEqualTo(checkpoint.path("treeSize").asLong());
    assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(lines[2])))
        .isEqualTo(checkpoint.path("rootHash").asText());
    assertThat(lines[3]).startsWith("timestamp ");

    Matcher signatureLine =
        Pattern.compile("\u2014 (\\S+) (\\S+)\n").matcher(note.substring(blank + 2));
    assertThat(signatureLine.lookingAt()).as(note).isTrue();
    assertThat(signatureLine.group(1)).isEqualTo(origin);
    byte[] keyIdAndSignature = Base64.getDecoder().decode(signatureLine.group(2));
    assertThat(keyIdAndSignature).hasSize(68);
    byte[] signature = Arrays.copyOfRange(keyIdAndSignature, 4, 68);
    assertThat(Base64.getEncoder().encodeToString(signature))
        .isEqualTo(checkpoint.path("signature").asText());

    PublicKey key = ed25519(publicKey.path("pem").asText());
    byte[] spki = key.getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(origin.getBytes(StandardCharsets.UTF_8));
    sha256.update(new byte[] {0x0A, 0x01});
    sha256.update(raw);
    assertThat(Arrays.copyOfRange(keyIdAndSignature, 0, 4))
        .as("C2SP key id")
        .isEqualTo(Arrays.copyOf(sha256.digest(), 4));

    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(key);
    ed25519.update(text.getBytes(StandardCharsets.UTF_8));
    assertThat(ed25519.verify(signature)).as("Ed25519 signature over the note text").isTrue();
    ed25519.initVerify(key);
    ed25519.update(
        text.replace(lines[1], Long.toString(Long.parseLong(lines[1]) + 1))
            .getBytes(StandardCharsets.UTF_8));
    assertThat(ed25519.verify(signature)).as("the same signature over another size").isFalse();
  }

  private static PublicKey ed25519(String pem) throws Exception {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  /** Each entry's leaf, by seq, from its inclusion proof at the latest checkpoint's size. */
  private Map<String, JsonNode> leavesAtLatestCheckpoint(List<JsonNode> entries) throws Exception {
    HttpResponse<String> made =
        stack.send("POST", audit + "/checkpoints", stack.env("HALLMARK_AUDIT_TOKEN"), null);
    assertThat(made.statusCode()).as(made.body()).isIn(200, 201);
    long treeSize = getJson(audit + "/checkpoints/latest").path("treeSize").asLong();
    Map<String, JsonNode> leaves = new LinkedHashMap<>();
    for (JsonNode entry : entries) {
      long seq = entry.path("seq").asLong();
      JsonNode proof = getJson(audit + "/entries/" + seq + "/inclusion-proof?treeSize=" + treeSize);
      JsonNode leaf = json.readTree(Base64.getDecoder().decode(proof.path("leaf").asText()));
      assertThat(leaf.path("seq").asLong()).isEqualTo(seq);
      assertThat(leaf.path("eventId").asText()).isEqualTo(entry.path("eventId").asText());
      assertThat(leaf.path("eventType").asText()).isEqualTo(entry.path("eventType").asText());
      assertThat(leaf.path("requestId").asText()).isEqualTo(entry.path("requestId").asText());
      assertThat(leaf.path("v").asInt()).isEqualTo(1);
      leaves.put(Long.toString(seq), leaf);
    }
    return leaves;
  }

  /** Listed oldest first: seqs strictly increasing, each entry once. */
  private static void assertInSeqOrder(List<JsonNode> entries) {
    List<Long> seqs = entries.stream().map(e -> e.path("seq").asLong()).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates();
  }

  /**
   * Each step happened after the one it answers, and was appended after it: audit-service orders
   * each polled batch by the events' times, so seq order is the order of the flow.
   */
  private static void assertCausalOrder(
      JsonNode requested, JsonNode decided, List<JsonNode> signed, List<JsonNode> published) {
    assertThat(occurredAt(decided)).isAfterOrEqualTo(occurredAt(requested));
    assertThat(seq(decided)).isGreaterThan(seq(requested));
    Map<String, JsonNode> signedByMethod = byMethod(signed);
    for (JsonNode publication : published) {
      String method = publication.path("details").path("method").asText();
      JsonNode signature = signedByMethod.get(method);
      assertThat(occurredAt(signature)).as(method).isAfterOrEqualTo(occurredAt(decided));
      assertThat(occurredAt(publication)).as(method).isAfterOrEqualTo(occurredAt(signature));
      assertThat(seq(signature)).as(method).isGreaterThan(seq(decided));
      assertThat(seq(publication)).as(method).isGreaterThan(seq(signature));
    }
  }

  private static long seq(JsonNode leaf) {
    return leaf.path("seq").asLong();
  }

  private static Instant occurredAt(JsonNode leaf) {
    return Instant.parse(leaf.path("occurredAt").asText());
  }

  private static Map<String, JsonNode> byMethod(List<JsonNode> leaves) {
    Map<String, JsonNode> byMethod = new LinkedHashMap<>();
    leaves.forEach(leaf -> byMethod.put(leaf.path("details").path("method").asText(), leaf));
    assertThat(byMethod).hasSameSizeAs(leaves);
    return byMethod;
  }

  private static JsonNode only(Map<String, JsonNode> leaves, String eventType) {
    List<JsonNode> found = all(leaves, eventType);
    assertThat(found).as(eventType).hasSize(1);
    return found.get(0);
  }

  private static List<JsonNode> all(Map<String, JsonNode> leaves, String eventType) {
    return leaves.values().stream()
        .filter(leaf -> leaf.path("eventType").asText().equals(eventType))
        .toList();
  }

  private static long count(List<JsonNode> entries, String eventType) {
    return entries.stream().filter(e -> e.path("eventType").asText().equals(eventType)).count();
  }

  private static List<byte[]> hashes(JsonNode proof) {
    List<byte[]> hashes = new ArrayList<>();
    proof.path("hashes").forEach(hash -> hashes.add(HexFormat.of().parseHex(hash.asText())));
    return hashes;
  }

  /** Polls the request's audit entries until {@code complete} holds for them. */
  private List<JsonNode> awaitEntries(String requestId, Predicate<List<JsonNode>> complete)
      throws Exception {
    return Await.until(
        "the audit entries of " + requestId, DEADLINE, () -> entriesOf(requestId), complete);
  }

  /** The request a registry push made, found in the ledger by the pushed digest. */
  private String awaitRequestOfDigest(String digest) throws Exception {
    JsonNode requested =
        Await.until(
            "a SigningRequested entry for " + digest,
            DEADLINE,
            () -> signingRequestedOf(digest),
            entry -> entry != null);
    return requested.path("requestId").asText();
  }

  /** The SigningRequested entry of the digest in the ledger, or null while there is none. */
  private JsonNode signingRequestedOf(String digest) throws Exception {
    for (JsonNode entry : getJson(audit + "?digest=" + digest)) {
      if (entry.path("eventType").asText().equals("SigningRequested")) {
        return entry;
      }
    }
    return null;
  }

  private List<JsonNode> entriesOf(String requestId) throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    getJson(audit + "?requestId=" + requestId).forEach(entries::add);
    return entries;
  }

  private String awaitStatus(String id, String expected) throws Exception {
    return stack.awaitStatus(id, stack.env("HALLMARK_CI_TOKEN"), expected, DEADLINE);
  }

  private String submit(String body) throws Exception {
    HttpResponse<String> accepted = stack.submit(body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return json.readTree(accepted.body()).path("id").asText();
  }

  private JsonNode getJson(String url) throws Exception {
    HttpResponse<String> response = stack.send("GET", url, stack.env("HALLMARK_AUDIT_TOKEN"), null);
    assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }
}
