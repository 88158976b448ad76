package dev.hallmark.e2e;

import dev.hallmark.testing.StackSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A failure of one service's database writes that lasts until {@link #end()}: the kind of fault a
 * listener retries and then parks. The local stack's services (all but audit-service) connect as
 * the database superuser, whom no REVOKE stops, so their writes are refused by a trigger that
 * raises {@value #MESSAGE}; audit-service connects as its own role, whose INSERT grant is revoked
 * instead.
 */
final class DatabaseOutage implements AutoCloseable {
  static final String MESSAGE = "e2e outage";
  private static final String FUNCTION = "public.hallmark_e2e_outage";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final List<String> undo = new ArrayList<>();

  private DatabaseOutage(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  static DatabaseOutage of(StackSession stack) {
    return new DatabaseOutage(
        stack.env("HALLMARK_JDBC_URL"),
        stack.env("HALLMARK_DB_USER"),
        stack.env("HALLMARK_DB_PASSWORD"));
  }

  /**
   * Refuses {@code operation} ({@code INSERT} or {@code UPDATE}) on {@code table}; {@code when} is
   * an optional trigger condition such as {@code OLD.status IS DISTINCT FROM NEW.status}.
   */
  DatabaseOutage refuse(String table, String operation, String when) throws SQLException {
    String trigger = "hallmark_e2e_outage_" + operation.toLowerCase();
    execute(
        "CREATE OR REPLACE FUNCTION "
            + FUNCTION
            + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '"
            + MESSAGE
            + ": % on %.% refused', tg_op, tg_table_schema, tg_table_name; END $$");
    execute(
        "CREATE TRIGGER "
            + trigger
            + " BEFORE "
            + operation
            + " ON "
            + table
            + " FOR EACH ROW"
            + (when == null ? "" : " WHEN (" + when + ")")
            + " EXECUTE FUNCTION "
            + FUNCTION
            + "()");
    undo.add("DROP TRIGGER IF EXISTS " + trigger + " ON " + table);
    return this;
  }

  /** Refuses INSERT on every table of {@code schema} but Flyway's history. */
  DatabaseOutage refuseInsertsIn(String schema) throws SQLException {
    for (String table : tables(schema)) {
      refuse(schema + "." + table, "INSERT", null);
    }
    return this;
  }

  /** Revokes a role's INSERT on a table (for services that do not connect as the superuser). */
  DatabaseOutage revokeInsert(String table, String role) throws SQLException {
    execute("REVOKE INSERT ON " + table + " FROM " + role);
    undo.add("GRANT INSERT ON " + table + " TO " + role);
    return this;
  }

  /** Undoes everything, in reverse order. */
  void end() throws SQLException {
    for (int i = undo.size() - 1; i >= 0; i--) {
      execute(undo.get(i));
    }
    undo.clear();
  }

  @Override
  public void close() throws SQLException {
    end();
  }

  long count(String sql, String parameter) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private List<String> tables(String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
