package dev.hallmark.deploy.local.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Login roles of their own for services that must not own their tables: audit-service connects as
 * {@value #AUDIT}, which its migrations (run as the owner) allow only SELECT and INSERT on the
 * ledger (ADR 0008). Created by the database's superuser, as an operator would.
 */
public final class DatabaseRoles {
  /** audit-service's role in the local stack and the tests. */
  public static final String AUDIT = "hallmark_audit";

  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern GENERATED_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,}");
  private static final Map<String, Login> FOR_TESTS = new ConcurrentHashMap<>();

  private DatabaseRoles() {}

  /** A role's user name and password; never log the password. */
  public record Login(String user, String password) {
    @Override
    public String toString() {
      return "Login[" + user + "]";
    }
  }

  /**
   * The role in the infrastructure's database, created on first use with a generated password that
   * this JVM keeps: every test context of the JVM gets the same login.
   */
  public static Login forTests(Infrastructure infrastructure, String role) {
    return FOR_TESTS.computeIfAbsent(
        infrastructure.jdbcUrl() + " " + role,
        key -> {
          String password = Secrets.generate();
          ensureLogin(
              infrastructure.jdbcUrl(),
              infrastructure.dbUser(),
              infrastructure.dbPassword(),
              role,
              password);
          return new Login(role, password);
        });
  }

  /**
   * Creates the login role if it does not exist and sets its password.
   *
   * @param password a generated one ({@link Secrets#generate()}); it is written into the statement
   */
  public static void ensureLogin(
      String jdbcUrl, String adminUser, String adminPassword, String role, String password) {
    if (!ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException("not a plain role name: " + role);
    }
    if (!GENERATED_PASSWORD.matcher(password).matches()) {
      throw new IllegalArgumentException("use a generated password (Secrets.generate())");
    }
    Properties properties = new Properties();
    properties.setProperty("user", adminUser);
    properties.setProperty("password", adminPassword);
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("socketTimeout", "30");
    try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties)) {
      if (connection == null) {
        throw new SQLException("the PostgreSQL driver did not accept " + jdbcUrl);
      }
      boolean exists;
      try (PreparedStatement query =
          connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        query.setString(1, role);
        try (ResultSet rows = query.executeQuery()) {
          exists = rows.next();
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            (exists ? "ALTER ROLE " : "CREATE ROLE ")
                + role
                + " LOGIN PASSWORD '"
                + password
                + "'");
      }
    } catch (SQLException e) {
      throw new ProcessStartException(
          PostgresServer.COMPONENT,
          "could not create database role " + role + ": " + e.getMessage(),
          null,
          e);
    }
  }
}
