package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresServerIT {
  private Path dir;
  private PostgresServer server;

  /** Not @TempDir: that is 0700 root, and the server may run as user postgres below it. */
  @BeforeEach
  void createDir() {
    dir = TempDirectories.createShared();
  }

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.stop();
    }
    TempDirectories.deleteTree(dir);
  }

  @Test
  void start_generatedPassword_connectsAndRoundTripsRows() throws SQLException {
    server = PostgresServer.start(PostgresServer.Settings.forTests(dir.resolve("pg"), dir));

    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE request (id INT PRIMARY KEY, digest TEXT NOT NULL)");
      statement.execute("INSERT INTO request VALUES (1, 'sha256:abc')");
      try (ResultSet rows = statement.executeQuery("SELECT digest FROM request WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("sha256:abc");
      }
    }
    assertThat(server.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/hallmark");
    assertThat(server.user()).isEqualTo("hallmark");
    assertThat(server.password()).hasSizeGreaterThanOrEqualTo(32);
  }

  @Test
  void connect_wrongPassword_isRejected() {
    server = PostgresServer.start(PostgresServer.Settings.forTests(dir.resolve("pg"), dir));

    assertThatThrownBy(
            () -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "not-the-password"))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
  }

  @Test
  void stop_running_leavesNoPostmasterProcess() {
    server = PostgresServer.start(PostgresServer.Settings.forTests(dir.resolve("pg"), dir));
    long pid = server.pid();
    assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    server.stop();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(server.isRunning()).isFalse();
    assertThat(Files.exists(dir.resolve("pg/data/postmaster.pid"))).isFalse();
  }

  @Test
  void start_existingClusterWithPasswordFile_reusesDataAndPassword() throws Exception {
    Path passwordFile = dir.resolve("secrets/db-password");
    PostgresServer.Settings settings =
        new PostgresServer.Settings(
            0,
            dir.resolve("pg"),
            dir.resolve("postgres.log"),
            false,
            Optional.of(passwordFile),
            java.time.Duration.ofSeconds(60),
            false);
    server = PostgresServer.start(settings);
    String firstPassword = server.password();
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (v TEXT)");
      statement.execute("INSERT INTO kept VALUES ('survives restart')");
    }
    server.stop();

    server = PostgresServer.start(settings);

    assertThat(server.password()).isEqualTo(firstPassword);
    assertThat(Files.getPosixFilePermissions(passwordFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT v FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("survives restart");
    }
  }
}
