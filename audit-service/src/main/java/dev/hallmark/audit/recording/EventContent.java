package dev.hallmark.audit.recording;

import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a ledger entry records of an event: its {@code details}, by event type (the list is in
 * audit-service/README.md). Names, ids, digests and reasons; never secrets: tokens appear only by
 * their names, catalogue token hashes not at all, signed payloads and signatures only by their
 * SHA-256. Events of a type this code does not know keep what can be read through their schema
 * (project, reason, outcome, approvers, digests).
 */
final class EventContent {
  static final int MAX_TEXT = 2000;

  private EventContent() {}

  static Map<String, Object> of(SpecificRecord event) {
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> digests = ImageDigests.of(event);
    if (!digests.isEmpty()) {
      details.put("digests", digests);
    }
    if (event instanceof SigningRequested request) {
      requested(request, details);
    } else if (event instanceof PolicyDecision decision) {
      decided(decision, details);
    } else if (event instanceof SignatureCreated signature) {
      signed(signature, details);
    } else if (event instanceof SigningFailed failed) {
      details.put("image", image(failed.getImage()));
      details.put("method", failed.getMethod().name());
      details.put("keyId", failed.getKeyId());
      details.put("reason", bounded(failed.getReason()));
    } else if (event instanceof DecisionRejected rejected) {
      details.put("decisionEventId", rejected.getDecisionEventId().toString());
      details.put("images", rejected.getImages().stream().map(EventContent::image).toList());
      details.put("reason", bounded(rejected.getReason()));
    } else if (event instanceof SignaturePublished published) {
      details.put("image", image(published.getImage()));
      details.put("method", published.getMethod().name());
      details.put("keyId", published.getKeyId());
      details.put("location", bounded(published.getLocation()));
      details.put("notaryVersion", published.getNotaryVersion());
    } else if (event instanceof PublicationFailed failed) {
      details.put("image", image(failed.getImage()));
      details.put("method", failed.getMethod().name());
      details.put("keyId", failed.getKeyId());
      details.put("reason", bounded(failed.getReason()));
      details.put("attempts", failed.getAttempts());
      details.put("retryable", failed.getRetryable());
    } else if (event instanceof ProjectCatalogued entry) {
      catalogued(entry, details);
    } else {
      details.put("project", EventProjects.of(event));
      details.put("reason", EventReasons.of(event));
      details.put("outcome", EventOutcomes.of(event));
      List<String> approvers = EventApprovers.of(event);
      details.put("approvers", approvers.isEmpty() ? null : approvers);
    }
    return details;
  }

  private static void requested(SigningRequested request, Map<String, Object> details) {
    Submitter submitter = request.getSubmitter();
    Map<String, Object> who = new TreeMap<>();
    who.put("kind", submitter.getKind().name());
    who.put("name", submitter.getName());
    who.put("remoteAddress", submitter.getRemoteAddress());
    details.put("project", request.getProject());
    details.put("policy", request.getSigningPolicy());
    details.put("images", request.getImages().stream().map(EventContent::image).toList());
    details.put("methods", request.getMethods().stream().map(Enum::name).toList());
    details.put("submitter", who);
    details.put("webhookDeliveryId", request.getWebhookDeliveryId());
    details.put("description", bounded(request.getDescription()));
    details.put("origin", origin(request.getOrigin()));
  }

  private static void decided(PolicyDecision decision, Map<String, Object> details) {
    details.put("project", decision.getProject());
    details.put("policy", decision.getSigningPolicy());
    details.put("policyVersion", decision.getPolicyVersion());
    details.put("outcome", decision.getOutcome().name());
    details.put("reason", bounded(decision.getReason()));
    details.put("approvers", decision.getApprovers().isEmpty() ? null : decision.getApprovers());
    details.put("methods", decision.getMethods().stream().map(Enum::name).toList());
    details.put("keyId", decision.getKeyId());
    details.put("origin", origin(decision.getOrigin()));
    details.put("images", decision.getImages().stream().map(EventContent::image).toList());
  }

  private static void signed(SignatureCreated signature, Map<String, Object> details) {
    details.put("image", image(signature.getImage()));
    details.put("method", signature.getMethod().name());
    details.put("keyId", signature.getKeyId());
    // Computed here, not copied from the event's payloadDigest: the ledger says what was signed.
    details.put("payloadDigest", sha256(signature.getPayload()));
    details.put("signatureDigest", sha256(signature.getSignature()));
  }

  private static void catalogued(ProjectCatalogued entry, Map<String, Object> details) {
    details.put("project", entry.getProject());
    details.put("actor", entry.getChangedBy());
    details.put("revision", entry.getRevision());
    details.put("deleted", entry.getDeleted());
    details.put("policies", entry.getPolicies().stream().map(EventContent::policy).toList());
    details.put(
        "submitters", entry.getSubmitters().stream().map(CatalogueSubmitter::getName).toList());
    details.put("summary", CatalogueSummaries.of(entry));
  }

  private static Map<String, Object> image(ImageRef image) {
    return Map.of(
        "registry", image.getRegistry(),
        "repository", image.getRepository(),
        "digest", image.getDigest(),
        "tags", image.getTags());
  }

  /** An origin's fields; claims sorted by name (a JSON object). Null stays null. */
  private static Map<String, Object> origin(Origin origin) {
    if (origin == null) {
      return null;
    }
    Map<String, Object> fields = new TreeMap<>();
    fields.put("repositoryUrl", origin.getRepositoryUrl());
    fields.put("ref", origin.getRef());
    fields.put("commit", origin.getCommit());
    fields.put("buildUrl", origin.getBuildUrl());
    fields.put("verified", origin.getVerified());
    fields.put("issuer", origin.getIssuer());
    fields.put("claims", new TreeMap<>(origin.getClaims()));
    return fields;
  }

  private static String bounded(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }

  private static String sha256(ByteBuffer bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes.duplicate());
      return "sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * A catalogue policy by name and version: the version identifies its whole content in
   * policy-service's store (policy.policy_version), so the leaf need not repeat it.
   */
  private static Map<String, Object> policy(CataloguePolicy policy) {
    return Map.of("name", policy.getName(), "version", policy.getVersion());
  }
}
