package dev.hallmark.audit.feed;

import dev.hallmark.audit.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one line a person reads of an entry ({@code AuditRecord.summary}), e.g. {@code signed
 * demo/app@sha256:3010aabc0123 with COSIGN key demo-cosign} or {@code DENIED by demo/release v2:
 * rejected by bob}. Images are shortened to {@code repository@sha256:<12 hex>} (the record's {@code
 * image} and {@code details} have them whole). Line breaks and other control characters become
 * spaces; at most {@value #MAX_LENGTH} characters.
 */
final class EntrySummaries {
  static final int MAX_LENGTH = 500;

  private EntrySummaries() {}

  static String of(LedgerEntry entry) {
    Map<String, Object> details = entry.details();
    // Imported entries keep only what the old table had; their event-specific details are absent.
    String summary =
        Boolean.TRUE.equals(details.get("preLedger"))
            ? generic(entry.eventType(), details) + " (recorded before the ledger)"
            : specific(entry.eventType(), new Details(details));
    return oneLine(summary);
  }

  private static String specific(String eventType, Details d) {
    return switch (eventType) {
      case "SigningRequested" -> requested(d);
      case "PolicyDecision" -> decided(d);
      case "SignatureCreated" -> "signed " + d.image() + " with " + d.methodAndKey();
      case "SigningFailed" ->
          "could not sign " + d.image() + " with " + d.methodAndKey() + ": " + d.text("reason");
      case "DecisionRejected" ->
          "refused decision " + d.text("decisionEventId") + ": " + d.text("reason");
      case "SignaturePublished" ->
          "published the "
              + d.text("method")
              + " signature of "
              + d.image()
              + " to "
              + d.text("location")
              + (d.has("notaryVersion") ? " (version " + d.text("notaryVersion") + ")" : "");
      case "PublicationFailed" ->
          "could not publish the "
              + d.text("method")
              + " signature of "
              + d.image()
              + " after "
              + d.text("attempts")
              + " attempts"
              + ("true".equals(d.text("retryable")) ? " (retryable)" : "")
              + ": "
              + d.text("reason");
      case "ProjectCatalogued" -> "project " + d.text("project") + " " + d.text("summary");
      default -> generic(eventType, d.all());
    };
  }

  private static String requested(Details d) {
    String by =
        d.nested("submitter", "name")
            + (d.nested("submitter", "kind") == null
                ? ""
                : " (" + d.nested("submitter", "kind") + ")");
    return "signing requested by "
        + by
        + " under "
        + d.text("project")
        + "/"
        + d.text("policy")
        + methods(d)
        + " for "
        + d.images();
  }

  /** A push names no methods (the policy chooses them), so there is nothing to list. */
  private static String methods(Details d) {
    String methods = d.has("methods") ? d.list("methods") : "";
    return methods.isEmpty() ? "" : ": " + methods;
  }

  private static String decided(Details d) {
    String decision =
        d.text("outcome")
            + " by "
            + d.text("project")
            + "/"
            + d.text("policy")
            + " v"
            + d.text("policyVersion");
    if (d.has("approvers")) {
      decision += ", approved by " + d.list("approvers");
    }
    if (d.has("keyId")) {
      decision += ", " + d.list("methods") + " with key " + d.text("keyId");
    }
    return d.has("reason") ? decision + ": " + d.text("reason") : decision;
  }

  /** What any entry has: its type, project, outcome, approvers, images and reason. */
  private static String generic(String eventType, Map<String, Object> details) {
    Details d = new Details(details);
    List<String> parts = new ArrayList<>();
    parts.add(eventType);
    if (d.has("project")) {
      parts.add("project " + d.text("project"));
    }
    if (d.has("outcome")) {
      parts.add(d.text("outcome"));
    }
    if (d.has("approvers")) {
      parts.add("approved by " + d.list("approvers"));
    }
    if (d.has("digests")) {
      parts.add("for " + d.list("digests"));
    }
    String summary = String.join(" ", parts);
    return d.has("reason") ? summary + ": " + d.text("reason") : summary;
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
  }

  /** Reading an entry's details by name; absent values read as {@code ?}. */
  private record Details(Map<String, Object> all) {
    boolean has(String name) {
      Object value = all.get(name);
      return value != null && !(value instanceof List<?> list && list.isEmpty());
    }

    String text(String name) {
      Object value = all.get(name);
      return value == null ? "?" : String.valueOf(value);
    }

    String nested(String name, String member) {
      return all.get(name) instanceof Map<?, ?> map && map.get(member) != null
          ? String.valueOf(map.get(member))
          : null;
    }

    String list(String name) {
      return all.get(name) instanceof List<?> list
          ? list.stream().map(String::valueOf).collect(Collectors.joining(", "))
          : text(name);
    }

    String methodAndKey() {
      return text("method") + " key " + text("keyId");
    }

    String image() {
      return all.get("image") instanceof Map<?, ?> image ? shortImage(image) : "?";
    }

    /** One image shortened, or how many. */
    String images() {
      if (!(all.get("images") instanceof List<?> images) || images.isEmpty()) {
        return "no images";
      }
      if (images.size() == 1 && images.get(0) instanceof Map<?, ?> image) {
        return shortImage(image);
      }
      return images.size() + " images";
    }

    private static String shortImage(Map<?, ?> image) {
      String digest = String.valueOf(image.get("digest"));
      int hex = digest.indexOf(':') + 1;
      String shortDigest = digest.length() > hex + 12 ? digest.substring(0, hex + 12) : digest;
      return image.get("repository") + "@" + shortDigest;
    }
  }
}
