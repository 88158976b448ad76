package dev.hallmark.audit;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * Databases of their own for tests that tamper with the ledger or need it empty, so that the ledger
 * the other test classes share stays intact; and superuser connections to them.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** A new, empty database; its JDBC URL. */
  public static String create(Infrastructure infra, String purpose) {
    String name = purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = superuser(infra, infra.jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    String url = infra.jdbcUrl();
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    return base.substring(0, base.lastIndexOf('/') + 1)
        + name
        + (query < 0 ? "" : url.substring(query));
  }

  /** The owner (in the test infrastructure a superuser), who bypasses nothing by default. */
  public static Connection superuser(Infrastructure infra, String jdbcUrl) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", infra.dbUser());
    properties.setProperty("password", infra.dbPassword());
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  public static Connection as(String jdbcUrl, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl, properties);
  }
}
