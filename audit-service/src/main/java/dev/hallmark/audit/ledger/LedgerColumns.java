package dev.hallmark.audit.ledger;

import io.micronaut.core.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The indexed columns of a ledger row, all derived from its leaf: what queries search by and the
 * audit API shows. The verifier derives them again and calls a row whose columns differ from its
 * leaf modified, so a column cannot be changed unnoticed either.
 *
 * @param digests the image digests, {@code " sha256:a sha256:b "} (space-delimited, so that a
 *     digest matches as a whole word); empty when none
 * @param actor who made the change ({@code details.actor}: changedBy of a project catalogue entry)
 * @param method the signing method of a signature, publication or their failure
 * @param outcome what a decision decided
 * @param reason why a step failed or was refused; a project catalogue entry's summary
 * @param approvers who approved a decision, separated by {@code ", "}
 */
public record LedgerColumns(
    String eventId,
    String eventType,
    @Nullable String requestId,
    @Nullable String project,
    @Nullable String actor,
    @Nullable String method,
    @Nullable String outcome,
    String digests,
    @Nullable String reason,
    @Nullable String approvers,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    Instant occurredAt,
    Instant recordedAt) {

  public static LedgerColumns of(LedgerEntry entry) {
    var details = entry.details();
    String reason = text(details.get("reason"));
    return new LedgerColumns(
        entry.eventId(),
        entry.eventType(),
        entry.requestId(),
        text(details.get("project")),
        text(details.get("actor")),
        text(details.get("method")),
        text(details.get("outcome")),
        digests(details.get("digests")),
        reason != null ? reason : text(details.get("summary")),
        joined(details.get("approvers")),
        entry.source().topic(),
        entry.source().partition(),
        entry.source().offset(),
        entry.occurredAt(),
        entry.recordedAt());
  }

  /**
   * The columns of the current row of a query over {@code ledger_entry}, as stored (a timestamp
   * missing from a tampered row stays null, for the verifier to report).
   */
  public static LedgerColumns read(ResultSet row) throws SQLException {
    return new LedgerColumns(
        row.getString("event_id"),
        row.getString("event_type"),
        row.getString("request_id"),
        row.getString("project"),
        row.getString("actor"),
        row.getString("method"),
        row.getString("outcome"),
        row.getString("digests"),
        row.getString("reason"),
        row.getString("approvers"),
        row.getString("source_topic"),
        row.getInt("source_partition"),
        row.getLong("source_offset"),
        instant(row.getTimestamp("occurred_at")),
        instant(row.getTimestamp("recorded_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  private static String digests(Object value) {
    if (!(value instanceof List<?> digests) || digests.isEmpty()) {
      return "";
    }
    return digests.stream().map(String::valueOf).collect(Collectors.joining(" ", " ", " "));
  }

  private static String joined(Object value) {
    if (!(value instanceof List<?> names) || names.isEmpty()) {
      return null;
    }
    return names.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
