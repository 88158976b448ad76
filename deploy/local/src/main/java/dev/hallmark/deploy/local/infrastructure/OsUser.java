package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unprivileged account PostgreSQL runs as when the launcher runs as root (CI does): PostgreSQL
 * refuses to start as root, so its programs go through {@code runuser -u <user> --}.
 */
final class OsUser {
  static final String ENV = "HALLMARK_PG_OS_USER";
  static final String DEFAULT = "postgres";
  private static final Path RUNUSER = Path.of("/usr/sbin/runuser");

  /** Empty when no switch is needed (not root): programs then run as the current user. */
  private final Optional<String> name;

  private OsUser(Optional<String> name) {
    this.name = name;
  }

  static OsUser forPostgres() {
    if (!isRoot()) {
      return new OsUser(Optional.empty());
    }
    String configured = System.getenv(ENV);
    String user = configured == null || configured.isBlank() ? DEFAULT : configured;
    if (!Files.isExecutable(RUNUSER)) {
      throw new MissingBinaryException(
          PostgresServer.COMPONENT, RUNUSER, "install util-linux, or run as a non-root user");
    }
    if (!run(List.of("id", "-u", user))) {
      throw new ConfigurationException(
          PostgresServer.COMPONENT,
          ENV,
          "running as root and OS user '"
              + user
              + "' does not exist; install the postgresql package or set "
              + ENV);
    }
    return new OsUser(Optional.of(user));
  }

  /** Effective uid 0: {@code /proc/self} is owned by the effective user of this process. */
  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** The command, prefixed with {@code runuser -u <user> --} when needed. */
  List<String> command(List<String> command) {
    List<String> full = new ArrayList<>();
    name.ifPresent(user -> full.addAll(List.of(RUNUSER.toString(), "-u", user, "--")));
    full.addAll(command);
    return full;
  }

  /** Hands a directory tree we created to the user (no-op when not switching users). */
  void takeOwnership(Path path) {
    if (name.isEmpty()) {
      return;
    }
    try {
      UserPrincipal owner =
          path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name.get());
      try (Stream<Path> tree = Files.walk(path)) {
        for (Path p : (Iterable<Path>) tree::iterator) {
          Files.setOwner(p, owner);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not give " + path + " to " + name.get(), e);
    }
  }

  /**
   * Fails clearly when the user cannot write the directory, typically because an ancestor is not
   * traversable (a repository under {@code /root}).
   */
  void requireWritable(Path dir) {
    if (name.isPresent() && !run(command(List.of("test", "-w", dir.toString())))) {
      throw new ConfigurationException(
          PostgresServer.COMPONENT,
          dir.toString(),
          "OS user '"
              + name.get()
              + "' cannot write here (is a parent directory not traversable?); use a directory"
              + " below a world-traversable path");
    }
  }

  Optional<String> name() {
    return name;
  }

  private static boolean run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
