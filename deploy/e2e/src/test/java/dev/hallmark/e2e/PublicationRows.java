package dev.hallmark.e2e;

import dev.hallmark.testing.StackSession;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * registry-publisher's rows of {@code publisher.publication} for some requests, per target (the
 * registry host): the attempts it took to publish them, read as docs/operations.md's "What is
 * waiting" query does.
 */
final class PublicationRows {
  private static final String PER_TARGET =
      "SELECT target, count(*), count(DISTINCT request_id),"
          + " count(*) FILTER (WHERE status = 'PUBLISHED'), sum(attempts), max(attempts)"
          + " FROM publisher.publication WHERE request_id = ANY (?) GROUP BY target ORDER BY target";

  /** One target's rows: how many, for how many requests, published, and their attempts. */
  record Target(
      String target, long rows, long requests, long published, long attempts, int maxAttempts) {
    @Override
    public String toString() {
      return "%s: %d publication(s) for %d request(s), %d PUBLISHED, %d attempt(s) in all, at most %d for one"
          .formatted(target, rows, requests, published, attempts, maxAttempts);
    }
  }

  private PublicationRows() {}

  static List<Target> perTarget(StackSession stack, Collection<String> requestIds)
      throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                stack.env("HALLMARK_JDBC_URL"),
                stack.env("HALLMARK_DB_USER"),
                stack.env("HALLMARK_DB_PASSWORD"));
        PreparedStatement statement = connection.prepareStatement(PER_TARGET)) {
      Array ids =
          connection.createArrayOf("uuid", requestIds.stream().map(UUID::fromString).toArray());
      statement.setArray(1, ids);
      List<Target> targets = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          targets.add(
              new Target(
                  rows.getString(1),
                  rows.getLong(2),
                  rows.getLong(3),
                  rows.getLong(4),
                  rows.getLong(5),
                  rows.getInt(6)));
        }
      }
      return targets;
    }
  }
}
