package dev.hallmark.audit.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one query of the ledger: the entries matching a {@link LedgerFilter} in a seq range,
 * in seq order, at most a limit. Only the conditions given are written into the statement (no
 * {@code :p IS NULL OR …}), so that PostgreSQL plans each with the index of its column; the values
 * are always bind parameters.
 *
 * @param parameters the values of the statement's {@code ?}, in order
 */
public record LedgerSql(String sql, List<Object> parameters) {
  static final String COLUMNS =
      "seq, event_id, event_type, request_id, project, actor, method, outcome, digests, reason,"
          + " approvers, source_topic, source_partition, source_offset, occurred_at, recorded_at,"
          + " leaf";

  /**
   * @param afterSeq entries after this seq (-1: from the first)
   * @param untilSeq entries up to this seq, inclusive ({@link Long#MAX_VALUE}: no bound)
   */
  public static LedgerSql select(LedgerFilter filter, long afterSeq, long untilSeq, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ledger_entry WHERE seq > ?");
    List<Object> parameters = new ArrayList<>(List.of(afterSeq));
    if (untilSeq != Long.MAX_VALUE) {
      condition(sql, parameters, "seq <= ?", untilSeq);
    }
    condition(sql, parameters, "request_id = ?", filter.requestId());
    condition(sql, parameters, "project = ?", filter.project());
    condition(sql, parameters, "actor = ?", filter.actor());
    condition(sql, parameters, "method = ?", filter.method());
    condition(sql, parameters, "outcome = ?", filter.outcome());
    // The expressions of the GIN indexes of V7__ledger_query_indexes.sql, written the same way.
    condition(
        sql,
        parameters,
        "string_to_array(btrim(digests), ' ') @> ARRAY[?]::text[]",
        filter.digest());
    condition(
        sql, parameters, "ledger_repositories(leaf) @> ARRAY[?]::text[]", filter.repository());
    condition(sql, parameters, "recorded_at >= ?", timestamp(filter.from()));
    condition(sql, parameters, "recorded_at < ?", timestamp(filter.to()));
    sql.append(" ORDER BY seq LIMIT ?");
    parameters.add(limit);
    return new LedgerSql(sql.toString(), List.copyOf(parameters));
  }

  private static void condition(
      StringBuilder sql, List<Object> parameters, String condition, Object value) {
    if (value != null) {
      sql.append(" AND ").append(condition);
      parameters.add(value);
    }
  }

  /**
   * As timestamptz: the driver sends an OffsetDateTime with its offset, whatever the JVM's zone.
   */
  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
