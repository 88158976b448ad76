package dev.hallmark.audit.feed;

import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.events.AuditOutcome;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.ImageRef;
import dev.hallmark.schemas.topics.TopicSpec;
import dev.hallmark.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ledger entry as the {@link AuditRecord} the audit topic carries. Everything is derived from the
 * entry alone (so an entry imported from before the ledger maps like any other), and the record
 * carries the entry's leaf, the exact bytes its Merkle leaf hash is computed over.
 */
public final class AuditRecords {
  private AuditRecords() {}

  public static AuditRecord of(LedgerEntry entry) {
    byte[] leaf = entry.leaf();
    Map<String, Object> details = entry.details();
    return AuditRecord.newBuilder()
        // Name-based on the leaf: the same entry always gets the same id, however often sent.
        .setEventId(UUID.nameUUIDFromBytes(leaf))
        .setRequestId(uuidOrNull(entry.requestId()))
        .setOccurredAt(entry.occurredAt())
        .setRecordedAt(entry.recordedAt())
        .setSequence(entry.seq())
        .setSourceTopic(entry.source().topic())
        .setSourceEventId(entry.eventId())
        .setEventType(entry.eventType())
        .setOutcome(outcome(entry))
        .setActor(actor(entry))
        .setImage(image(details))
        .setSummary(EntrySummaries.of(entry))
        .setDetails(FlatDetails.of(details))
        .setLeaf(ByteBuffer.wrap(leaf))
        .build();
  }

  /**
   * What the step came to: a decision's outcome when the entry has one ({@code APPROVED} is a
   * success, {@code DENIED} refused, {@code PENDING_APPROVAL} information), else by event type.
   */
  static AuditOutcome outcome(LedgerEntry entry) {
    if (entry.details().get("outcome") instanceof String outcome) {
      return switch (outcome) {
        case "APPROVED" -> AuditOutcome.SUCCESS;
        case "DENIED" -> AuditOutcome.REFUSED;
        case "PENDING_APPROVAL" -> AuditOutcome.INFO;
        default -> AuditOutcome.UNKNOWN;
      };
    }
    return switch (entry.eventType()) {
      case "SignatureCreated", "SignaturePublished" -> AuditOutcome.SUCCESS;
      case "SigningFailed", "PublicationFailed" -> AuditOutcome.FAILURE;
      case "DecisionRejected" -> AuditOutcome.REFUSED;
      default -> AuditOutcome.INFO;
    };
  }

  /**
   * Who did it: the person the entry names ({@code details.actor}: who changed a project), the
   * submitter of a signing request by name, else the service that wrote the event's topic.
   */
  static String actor(LedgerEntry entry) {
    Map<String, Object> details = entry.details();
    if (details.get("actor") instanceof String actor) {
      return actor;
    }
    if (details.get("submitter") instanceof Map<?, ?> submitter
        && submitter.get("name") instanceof String name) {
      return name;
    }
    return Topics.ALL.stream()
        .filter(topic -> topic.name().equals(entry.source().topic()))
        .map(TopicSpec::owner)
        .findFirst()
        .orElse(null);
  }

  /** The image the entry is about, if exactly one: {@code details.image}, or a single image. */
  static ImageRef image(Map<String, Object> details) {
    if (details.get("image") instanceof Map<?, ?> image) {
      return imageRef(image);
    }
    if (details.get("images") instanceof List<?> images
        && images.size() == 1
        && images.get(0) instanceof Map<?, ?> image) {
      return imageRef(image);
    }
    return null;
  }

  private static ImageRef imageRef(Map<?, ?> image) {
    if (!(image.get("registry") instanceof String registry
        && image.get("repository") instanceof String repository
        && image.get("digest") instanceof String digest)) {
      return null;
    }
    List<String> tags =
        image.get("tags") instanceof List<?> list
            ? list.stream().map(String::valueOf).toList()
            : List.of();
    return new ImageRef(registry, repository, digest, tags);
  }

  /** Request ids of events are uuids; one imported from before the ledger might not be. */
  private static UUID uuidOrNull(String requestId) {
    if (requestId == null) {
      return null;
    }
    try {
      return UUID.fromString(requestId);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
