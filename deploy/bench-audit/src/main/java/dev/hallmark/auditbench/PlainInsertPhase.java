package dev.hallmark.auditbench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The baseline: the rows the ledger phase stored, the same leaf bytes and columns, inserted into a
 * table of the same shape ({@code LIKE audit.ledger_entry INCLUDING ALL}: columns, primary key,
 * unique event id, indexes, checks; not the triggers) in batches of the same size, one transaction
 * each, as the same service role; no advisory lock, no duplicate check, no tree, no checkpoints.
 * Reading the rows back is not timed.
 */
final class PlainInsertPhase {
  static final String TABLE = "plain.ledger_entry";
  private static final List<String> COLUMNS =
      List.of(
          "seq",
          "event_id",
          "event_type",
          "request_id",
          "project",
          "actor",
          "method",
          "outcome",
          "digests",
          "reason",
          "approvers",
          "source_topic",
          "source_partition",
          "source_offset",
          "occurred_at",
          "recorded_at",
          "leaf");

  private final ScratchDatabase database;
  private final AppendBenchOptions options;
  private final PrintStream out;

  PlainInsertPhase(ScratchDatabase database, AppendBenchOptions options, PrintStream out) {
    this.database = database;
    this.options = options;
    this.out = out;
  }

  PhaseResult run() throws SQLException {
    createTable();
    try (Connection source = database.asServiceRole();
        Connection target = database.asServiceRole()) {
      source.setAutoCommit(false); // a cursor: rows are fetched a page at a time
      target.setAutoCommit(false);
      out.printf(Locale.ROOT, "plain INSERT: warming up with %d rows%n", options.warmup());
      copy(source, target, 0, options.warmup(), null);
      out.printf(
          Locale.ROOT,
          "plain INSERT: inserting %d rows in batches of %d%n",
          options.entries(),
          options.batch());
      int batches = (options.entries() + options.batch() - 1) / options.batch();
      long[] batchNanos = new long[batches];
      long total = copy(source, target, options.warmup(), options.entries(), batchNanos);
      return new PhaseResult(
          "plain INSERT (same table shape)", options.entries(), total, batchNanos);
    }
  }

  private void createTable() throws SQLException {
    try (Connection owner = database.asOwner();
        Statement statement = owner.createStatement()) {
      statement.execute("CREATE SCHEMA plain");
      statement.execute("CREATE TABLE " + TABLE + " (LIKE audit.ledger_entry INCLUDING ALL)");
      statement.execute("GRANT USAGE ON SCHEMA plain TO " + database.role());
      statement.execute("GRANT SELECT, INSERT ON " + TABLE + " TO " + database.role());
    }
  }

  /**
   * Inserts the ledger's rows from seq {@code first}, {@code count} of them, a batch per
   * transaction.
   *
   * @param batchNanos where each batch's time goes; null: untimed
   * @return the time the batches took together
   */
  private long copy(Connection source, Connection target, long first, int count, long[] batchNanos)
      throws SQLException {
    String columns = String.join(", ", COLUMNS);
    String placeholders = String.join(", ", COLUMNS.stream().map(c -> "?").toList());
    long total = 0;
    try (PreparedStatement read =
            source.prepareStatement(
                "SELECT "
                    + columns
                    + " FROM audit.ledger_entry WHERE seq >= ? AND seq < ? ORDER BY seq");
        PreparedStatement insert =
            target.prepareStatement(
                "INSERT INTO " + TABLE + " (" + columns + ") VALUES (" + placeholders + ")")) {
      read.setFetchSize(Math.max(options.batch(), 1000));
      read.setLong(1, first);
      read.setLong(2, first + count);
      try (ResultSet rows = read.executeQuery()) {
        ResultSetMetaData meta = rows.getMetaData();
        int batch = 0;
        List<Object[]> pending = new ArrayList<>(options.batch());
        int copied = 0;
        while (rows.next()) {
          Object[] values = new Object[COLUMNS.size()];
          for (int c = 0; c < values.length; c++) {
            values[c] = rows.getObject(c + 1);
          }
          pending.add(values);
          copied++;
          if (pending.size() == options.batch() || copied == count) {
            long nanos = insertBatch(insert, target, meta, pending);
            total += nanos;
            if (batchNanos != null) {
              batchNanos[batch] = nanos;
            }
            batch++;
            pending.clear();
          }
        }
        if (copied != count) {
          throw new IllegalStateException(
              "the ledger has " + copied + " rows from seq " + first + ", expected " + count);
        }
      }
    }
    source.commit();
    return total;
  }

  private static long insertBatch(
      PreparedStatement insert, Connection target, ResultSetMetaData meta, List<Object[]> rows)
      throws SQLException {
    long t0 = System.nanoTime();
    for (Object[] values : rows) {
      for (int c = 0; c < values.length; c++) {
        if (values[c] == null) {
          insert.setNull(c + 1, meta.getColumnType(c + 1));
        } else {
          insert.setObject(c + 1, values[c]);
        }
      }
      insert.addBatch();
    }
    insert.executeBatch();
    target.commit();
    return System.nanoTime() - t0;
  }
}
