package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the installed binaries: {@code initdb} once per data directory,
 * then {@code postgres} on 127.0.0.1, with a superuser {@code hallmark} whose password is generated
 * and never logged.
 */
public final class PostgresServer implements AutoCloseable {
  public static final String COMPONENT = "postgres";
  public static final int DEFAULT_PORT = 15432;
  public static final String SUPERUSER = "hallmark";
  public static final String DATABASE = "hallmark";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /** sun_path holds 108 bytes; longer socket paths make postgres refuse to start. */
  private static final int MAX_SOCKET_PATH = 100;

  /** SQLSTATE invalid_password. */
  private static final String INVALID_PASSWORD = "28P01";

  /**
   * How to start the server.
   *
   * @param port TCP port on 127.0.0.1; 0 picks a free one
   * @param baseDir holds {@code data/} (the cluster) and {@code run/} (the Unix socket); must be
   *     reachable by the {@code postgres} OS user when running as root
   * @param logFile the server's stderr
   * @param fsync off for tests (speed, nothing to keep), on for the stack (data persists)
   * @param passwordFile where the superuser password is kept so that an existing cluster can be
   *     reused (the stack); empty: a fresh cluster with a password held in memory only (tests)
   * @param readinessTimeout bounded wait until a JDBC connection succeeds
   * @param detached outlive this JVM (the stack); tests leave it false
   */
  public record Settings(
      int port,
      Path baseDir,
      Path logFile,
      boolean fsync,
      Optional<Path> passwordFile,
      Duration readinessTimeout,
      boolean detached) {

    /** Free port, fsync off, fresh cluster, 60 s readiness, not detached. */
    public static Settings forTests(Path baseDir, Path logDir) {
      return new Settings(
          0,
          baseDir,
          logDir.resolve("postgres.log"),
          false,
          Optional.empty(),
          Duration.ofSeconds(60),
          false);
    }

    public Settings withPort(int port) {
      return new Settings(port, baseDir, logFile, fsync, passwordFile, readinessTimeout, detached);
    }
  }

  private final Process launcher;
  private final long postmasterPid;
  private final int port;
  private final String password;
  private final Path logFile;
  private final Optional<OrphanGuard> orphanGuard;

  private PostgresServer(
      Process launcher,
      long postmasterPid,
      int port,
      String password,
      Path logFile,
      Optional<OrphanGuard> orphanGuard) {
    this.launcher = launcher;
    this.postmasterPid = postmasterPid;
    this.port = port;
    this.password = password;
    this.logFile = logFile;
    this.orphanGuard = orphanGuard;
  }

  /** Initialises the cluster if needed, starts the server and creates database {@code hallmark}. */
  public static PostgresServer start(Settings settings) {
    Path bin = PostgresBinaries.locate();
    OsUser osUser = OsUser.forPostgres();
    int port = Ports.resolve(COMPONENT, settings.port(), "set another PostgreSQL port");

    Path base = settings.baseDir().toAbsolutePath();
    Path data = base.resolve("data");
    Path socketDir = socketDir(base, port);
    createPrivateDir(base);
    createPrivateDir(socketDir);
    osUser.takeOwnership(base);
    osUser.takeOwnership(socketDir);
    osUser.requireWritable(base);

    String password = initialiseOrReuse(settings, bin, osUser, base, data);

    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            bin.resolve("postgres").toString(),
            "-D",
            data.toString(),
            "-p",
            Integer.toString(port),
            "-k",
            socketDir.toString(),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_permissions=0700",
            // Five services with a pool each, plus tests: the default 100 is too tight.
            "-c",
            "max_connections=200"));
    if (!settings.fsync()) {
      command.addAll(
          List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
    }
    Process launcher =
        ProcessLauncher.start(
            COMPONENT,
            osUser.command(command),
            Map.of(),
            base,
            settings.logFile(),
            settings.detached());
    try {
      awaitReady(
          launcher,
          port,
          password,
          settings.readinessTimeout(),
          settings.logFile(),
          data,
          settings);
      long postmasterPid = readPostmasterPid(data, settings.logFile());
      Optional<OrphanGuard> guard =
          settings.detached()
              ? Optional.empty()
              : Optional.of(OrphanGuard.watch(postmasterPid, Signal.INT));
      PostgresServer server =
          new PostgresServer(launcher, postmasterPid, port, password, settings.logFile(), guard);
      server.createDatabaseIfMissing();
      LOG.info(
          "PostgreSQL ready at {} (pid {}, log {})",
          server.jdbcUrl(),
          postmasterPid,
          settings.logFile());
      return server;
    } catch (RuntimeException e) {
      stopAfterFailedStart(launcher, data);
      throw e;
    }
  }

  private static String initialiseOrReuse(
      Settings settings, Path bin, OsUser osUser, Path base, Path data) {
    if (Files.exists(data.resolve("PG_VERSION"))) {
      return settings
          .passwordFile()
          .flatMap(Secrets::read)
          .orElseThrow(
              () ->
                  new ConfigurationException(
                      COMPONENT,
                      settings.passwordFile().map(Path::toString).orElse("passwordFile"),
                      "a cluster exists in "
                          + data
                          + " but its password is not available; delete the directory to start"
                          + " fresh"));
    }
    if (Files.exists(data) && !isEmptyDir(data)) {
      throw new ConfigurationException(
          COMPONENT, data.toString(), "exists but holds no cluster (PG_VERSION); delete it");
    }
    String password = Secrets.generate();
    // Kept before initdb: a cluster must never exist whose password is lost.
    settings.passwordFile().ifPresent(file -> Secrets.writeOwnerOnly(file, password + "\n"));
    Path passwordInput = base.resolve(".initdb-pwfile");
    try {
      Secrets.writeOwnerOnly(passwordInput, password + "\n");
      osUser.takeOwnership(passwordInput);
      List<String> initdb =
          new ArrayList<>(
              List.of(
                  bin.resolve("initdb").toString(),
                  "-D",
                  data.toString(),
                  "--username=" + SUPERUSER,
                  "--auth=scram-sha-256",
                  "--pwfile=" + passwordInput,
                  "--encoding=UTF8",
                  "--no-locale"));
      if (!settings.fsync()) {
        initdb.add("--no-sync");
      }
      ProcessLauncher.runToCompletion(
          COMPONENT, "initdb", osUser.command(initdb), base, settings.logFile(), INITDB_TIMEOUT);
    } finally {
      deleteQuietly(passwordInput);
    }
    return password;
  }

  private static void awaitReady(
      Process launcher,
      int port,
      String password,
      Duration timeout,
      Path logFile,
      Path data,
      Settings settings) {
    Readiness.await(
        COMPONENT,
        launcher.toHandle(),
        logFile,
        timeout,
        () -> {
          try (Connection ignored = connect(port, "postgres", password)) {
            return true;
          } catch (SQLException e) {
            if (INVALID_PASSWORD.equals(e.getSQLState()) && settings.passwordFile().isPresent()) {
              throw new StoredPasswordRejectedException(data, settings.passwordFile().get());
            }
            throw e;
          }
        });
  }

  /** The first line of {@code postmaster.pid}: with runuser in between, not our child's pid. */
  private static long readPostmasterPid(Path data, Path logFile) {
    Path pidFile = data.resolve("postmaster.pid");
    try (Stream<String> lines = Files.lines(pidFile)) {
      return Long.parseLong(lines.findFirst().orElseThrow().trim());
    } catch (IOException | RuntimeException e) {
      throw new ProcessStartException(
          COMPONENT, "could not read " + pidFile, LogTail.of(logFile), e);
    }
  }

  private static void stopAfterFailedStart(Process launcher, Path data) {
    try {
      readPidQuietly(data)
          .ifPresent(pid -> OsProcesses.stop(COMPONENT, pid, Signal.INT, STOP_GRACE));
    } finally {
      launcher.destroyForcibly();
    }
  }

  private static Optional<Long> readPidQuietly(Path data) {
    try (Stream<String> lines = Files.lines(data.resolve("postmaster.pid"))) {
      return lines.findFirst().map(String::trim).map(Long::parseLong);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = connect(port, "postgres", password);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new ProcessStartException(
          COMPONENT, "could not create database " + DATABASE + ": " + e.getMessage(), null, e);
    }
  }

  public static Connection connect(int port, String database, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("loginTimeout", "5");
    properties.setProperty("socketTimeout", "10");
    // The driver directly, not DriverManager: works whatever class loader the caller uses.
    Connection connection =
        new org.postgresql.Driver()
            .connect("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    if (connection == null) {
      throw new SQLException("the PostgreSQL driver did not accept the URL");
    }
    return connection;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/hallmark}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String user() {
    return SUPERUSER;
  }

  /** The superuser password; never log it. */
  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** The postmaster's pid (not the pid of {@code runuser}, when that is in between). */
  public long pid() {
    return postmasterPid;
  }

  public boolean isRunning() {
    return OsProcesses.alive(postmasterPid).isPresent();
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * Fast shutdown (SIGINT to the postmaster), at most 30 s, then SIGKILL of it and its children.
   */
  public void stop() {
    orphanGuard.ifPresent(OrphanGuard::close);
    OsProcesses.stop(COMPONENT, postmasterPid, Signal.INT, STOP_GRACE);
    // runuser returns once its child is gone; bounded all the same.
    if (!OsProcesses.awaitExit(launcher.toHandle(), Duration.ofSeconds(10))) {
      launcher.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl() + ", pid " + postmasterPid + "]";
  }

  private static Path socketDir(Path base, int port) {
    Path preferred = base.resolve("run");
    if (preferred.resolve(".s.PGSQL." + port + ".lock").toString().length() <= MAX_SOCKET_PATH) {
      return preferred;
    }
    try {
      return Files.createTempDirectory("hallmark-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a socket directory", e);
    }
  }

  private static void createPrivateDir(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir, e);
    }
  }

  private static boolean isEmptyDir(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", file, e.getMessage());
    }
  }
}
