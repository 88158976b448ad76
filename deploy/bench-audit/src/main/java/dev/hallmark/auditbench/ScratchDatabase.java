package dev.hallmark.auditbench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A database and a login role that exist only for one benchmark run, in the PostgreSQL server of
 * the given owner's URL: the ledger's tables are made there by audit-service's own migrations, so
 * the stack's real audit database is never written. The role is created without rights; the
 * migrations grant it what they grant audit-service's role (SELECT and INSERT on the ledger). Both
 * are dropped by {@link #close()}, and by a shutdown hook if the run is interrupted.
 */
final class ScratchDatabase implements AutoCloseable {
  private final String adminUrl;
  private final Properties admin;
  private final String name;
  private final String role;
  private final String rolePassword;
  private final Thread dropOnExit = new Thread(this::dropQuietly, "drop-scratch-database");
  private boolean dropped;

  private ScratchDatabase(String adminUrl, Properties admin, String suffix, String rolePassword) {
    this.adminUrl = adminUrl;
    this.admin = admin;
    this.name = "hallmark_audit_bench_" + suffix;
    this.role = "hallmark_audit_bench_" + suffix;
    this.rolePassword = rolePassword;
  }

  /**
   * @param adminUrl a database of the server, reached as a role that may create databases and roles
   */
  static ScratchDatabase create(String adminUrl, String adminUser, String adminPassword)
      throws SQLException {
    SecureRandom random = new SecureRandom();
    byte[] suffix = new byte[6];
    byte[] password = new byte[24];
    random.nextBytes(suffix);
    random.nextBytes(password);
    Properties admin = new Properties();
    admin.setProperty("user", adminUser);
    admin.setProperty("password", adminPassword);
    admin.setProperty("connectTimeout", "10");
    ScratchDatabase scratch =
        new ScratchDatabase(
            adminUrl,
            admin,
            HexFormat.of().formatHex(suffix),
            Base64.getUrlEncoder().withoutPadding().encodeToString(password));
    Runtime.getRuntime().addShutdownHook(scratch.dropOnExit);
    try (Connection connection = DriverManager.getConnection(adminUrl, admin);
        Statement statement = connection.createStatement()) {
      // The name and the password are generated here (hex, base64url): nothing to quote.
      statement.execute(
          "CREATE ROLE " + scratch.role + " LOGIN PASSWORD '" + scratch.rolePassword + "'");
      statement.execute("CREATE DATABASE " + scratch.name);
    }
    return scratch;
  }

  String name() {
    return name;
  }

  /** The scratch database's URL: the admin URL with its database name replaced. */
  String jdbcUrl() {
    int query = adminUrl.indexOf('?');
    String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
    return base.substring(0, base.lastIndexOf('/') + 1)
        + name
        + (query < 0 ? "" : adminUrl.substring(query));
  }

  String adminUser() {
    return admin.getProperty("user");
  }

  String adminPassword() {
    return admin.getProperty("password");
  }

  /** The run's service role: what audit-service connects as in production. */
  String role() {
    return role;
  }

  String rolePassword() {
    return rolePassword;
  }

  /** A connection to the scratch database as its owner. */
  Connection asOwner() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), admin);
  }

  /** A connection to the scratch database as the service role. */
  Connection asServiceRole() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", role);
    properties.setProperty("password", rolePassword);
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  @Override
  public synchronized void close() throws SQLException {
    if (dropped) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(adminUrl, admin);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      statement.execute("DROP ROLE IF EXISTS " + role);
    }
    dropped = true;
    try {
      Runtime.getRuntime().removeShutdownHook(dropOnExit);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already: the hook is this call
    }
  }

  private void dropQuietly() {
    try {
      close();
    } catch (SQLException e) {
      System.err.println(
          "could not drop the scratch database " + name + " and role " + role + ": " + e);
    }
  }
}
