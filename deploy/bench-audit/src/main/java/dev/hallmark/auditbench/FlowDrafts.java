package dev.hallmark.auditbench;

import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.EventSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Drafts shaped like what audit-service records for a signed image: per request a SigningRequested,
 * a PolicyDecision, a SignatureCreated and a SignaturePublished, with the details {@code
 * EventContent} gives those events, so that leaves have their real sizes (about 0.5 to 1 KB) and
 * the indexed columns their real spread. Seeded: every run appends the same content.
 */
final class FlowDrafts {
  private static final String REGISTRY = "registry.bench.example";
  private final Random random = new Random(8);
  private final Map<String, Long> offsets = new TreeMap<>();
  private int position;
  private String requestId;
  private String digest;
  private String repository;

  /** The next {@code count} drafts, continuing the flow where the last call stopped. */
  List<EntryDraft> next(int count) {
    List<EntryDraft> drafts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      drafts.add(nextDraft());
    }
    return drafts;
  }

  private EntryDraft nextDraft() {
    int step = position++ % 4;
    if (step == 0) {
      requestId = uuid();
      digest = "sha256:" + hex(32);
      repository = "team-" + random.nextInt(20) + "/app-" + random.nextInt(50);
    }
    return switch (step) {
      case 0 -> draft("SigningRequested", "hallmark.signing-requests.v1", requested());
      case 1 -> draft("PolicyDecision", "hallmark.policy-decisions.v1", decided());
      case 2 -> draft("SignatureCreated", "hallmark.signatures.v1", signed());
      default -> draft("SignaturePublished", "hallmark.publications.v1", published());
    };
  }

  private EntryDraft draft(String type, String topic, Map<String, Object> details) {
    int partition = random.nextInt(6);
    long offset = offsets.merge(topic + "/" + partition, 1L, Long::sum);
    return new EntryDraft(
        uuid(),
        type,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        requestId,
        new EventSource(topic, partition, offset),
        details);
  }

  private Map<String, Object> requested() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("project", project());
    details.put("policy", "default");
    details.put("images", List.of(image()));
    details.put("methods", List.of("cosign"));
    details.put(
        "submitter",
        Map.of("kind", "CI_TOKEN", "name", "ci", "remoteAddress", "10.0.0." + random.nextInt(250)));
    details.put("description", "build " + random.nextInt(100_000) + " of " + repository);
    details.put("origin", origin());
    details.put("digests", List.of(digest));
    return details;
  }

  private Map<String, Object> decided() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("project", project());
    details.put("policy", "default");
    details.put("policyVersion", 3);
    details.put("outcome", "APPROVED");
    details.put("methods", List.of("cosign"));
    details.put("keyId", "team-cosign");
    details.put("origin", origin());
    details.put("images", List.of(image()));
    details.put("digests", List.of(digest));
    return details;
  }

  private Map<String, Object> signed() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("image", image());
    details.put("method", "COSIGN");
    details.put("keyId", "team-cosign");
    details.put("payloadDigest", "sha256:" + hex(32));
    details.put("signatureDigest", "sha256:" + hex(32));
    details.put("digests", List.of(digest));
    return details;
  }

  private Map<String, Object> published() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("image", image());
    details.put("method", "COSIGN");
    details.put("keyId", "team-cosign");
    details.put("location", REGISTRY + "/" + repository + ":" + digest.replace(':', '-') + ".sig");
    details.put("digests", List.of(digest));
    return details;
  }

  private String project() {
    return repository.substring(0, repository.indexOf('/'));
  }

  private Map<String, Object> image() {
    return Map.of(
        "registry", REGISTRY, "repository", repository, "digest", digest, "tags", List.of("1.0"));
  }

  private Map<String, Object> origin() {
    Map<String, Object> origin = new TreeMap<>();
    origin.put("repositoryUrl", "https://git.example/" + repository);
    origin.put("ref", "refs/heads/main");
    origin.put("commit", hex(20));
    origin.put("buildUrl", "https://ci.example/builds/" + random.nextInt(1_000_000));
    origin.put("verified", false);
    origin.put("claims", Map.of());
    return origin;
  }

  private String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String hex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return java.util.HexFormat.of().formatHex(value);
  }
}
