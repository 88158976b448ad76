package dev.hallmark.audit.ledger;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The searches of the audit API ({@code GET /api/v1/audit}, its export and its stream): the entries
 * matching a filter after a seq, oldest first, a bounded number per call, each call a short
 * read-only transaction of its own. Kept apart from appending so that queries grow without touching
 * it. The statements come from {@link LedgerSql}; the indexes they use from
 * V7__ledger_query_indexes.sql.
 */
@Singleton
public class LedgerQueries {
  private final DataSource dataSource;

  LedgerQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The matching entries with {@code afterSeq < seq <= untilSeq}, in seq order, at most {@code
   * limit}. Paging by seq is gapless under concurrent appends: appends hold a lock until they
   * commit (see {@link LedgerRepository#lockAppends()}), so no smaller seq becomes visible after a
   * larger.
   */
  @Transactional(readOnly = true)
  public List<LedgerRow> find(LedgerFilter filter, long afterSeq, long untilSeq, int limit) {
    LedgerSql query = LedgerSql.select(filter, afterSeq, untilSeq, limit);
    try {
      // The transaction's connection; the transaction manager closes it.
      Connection connection = dataSource.getConnection();
      try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
        for (int i = 0; i < query.parameters().size(); i++) {
          statement.setObject(i + 1, query.parameters().get(i));
        }
        try (ResultSet result = statement.executeQuery()) {
          List<LedgerRow> rows = new ArrayList<>();
          while (result.next()) {
            rows.add(row(result));
          }
          return rows;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not query the ledger: " + e.getMessage(), e);
    }
  }

  /** The highest seq in the ledger, -1 while it is empty. */
  @Transactional(readOnly = true)
  public long lastSeq() {
    try (PreparedStatement statement =
            dataSource.getConnection().prepareStatement("SELECT max(seq) FROM ledger_entry");
        ResultSet result = statement.executeQuery()) {
      result.next();
      long last = result.getLong(1);
      return result.wasNull() ? -1 : last;
    } catch (SQLException e) {
      throw new IllegalStateException("could not query the ledger: " + e.getMessage(), e);
    }
  }

  private static LedgerRow row(ResultSet row) throws SQLException {
    return LedgerRow.of(row.getLong("seq"), LedgerColumns.read(row), row.getBytes("leaf"));
  }
}
