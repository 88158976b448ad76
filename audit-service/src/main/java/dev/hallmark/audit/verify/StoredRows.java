package dev.hallmark.audit.verify;

import dev.hallmark.audit.ledger.LedgerColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads every row of the ledger table over plain JDBC (the service and the command share it),
 * streamed with a cursor: only each row's digest is kept, not its leaf. Callers run it in one
 * read-only REPEATABLE READ transaction, so that the rows are one snapshot ({@link #readSnapshot}
 * for a plain connection).
 */
public final class StoredRows {
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final int FETCH_SIZE = 1000;

  private StoredRows() {}

  /** Reads in a read-only REPEATABLE READ transaction of its own on a connection in auto-commit. */
  public static List<RowDigest> readSnapshot(Connection connection, String schema)
      throws SQLException {
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setReadOnly(true);
    try {
      return read(connection, schema);
    } finally {
      connection.rollback();
    }
  }

  /**
   * Reads within the caller's transaction (the cursor needs one).
   *
   * @param schema the service's schema ({@code audit})
   */
  public static List<RowDigest> read(Connection connection, String schema) throws SQLException {
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("not a plain schema name: " + schema);
    }
    List<RowDigest> rows = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT seq, event_id, event_type, request_id, project, actor, method, outcome,"
                + " digests, reason, approvers, source_topic, source_partition, source_offset,"
                + " occurred_at, recorded_at, leaf FROM "
                + schema
                + ".ledger_entry ORDER BY seq, ctid")) {
      query.setFetchSize(FETCH_SIZE);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(
              RowDigest.of(
                  result.getLong("seq"), result.getBytes("leaf"), LedgerColumns.read(result)));
        }
      }
    }
    return rows;
  }
}
