package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Where {@code initdb} and {@code postgres} are. */
public final class PostgresBinaries {
  public static final String ENV = "HALLMARK_PG_BIN";
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

  private PostgresBinaries() {}

  /**
   * Env {@code HALLMARK_PG_BIN}, else the highest {@code /usr/lib/postgresql/<major>/bin}, else
   * {@code pg_config --bindir}.
   */
  public static Path locate() {
    String configured = System.getenv(ENV);
    Path bin =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : highestDebianVersion().or(PostgresBinaries::fromPgConfig).orElse(null);
    if (bin == null || !Files.isExecutable(bin.resolve("postgres"))) {
      throw new MissingBinaryException(
          PostgresServer.COMPONENT,
          bin == null ? DEBIAN_ROOT.resolve("<version>/bin/postgres") : bin.resolve("postgres"),
          "install the server (apt-get install postgresql) or set " + ENV);
    }
    return bin;
  }

  private static Optional<Path> highestDebianVersion() {
    if (!Files.isDirectory(DEBIAN_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return versions
          .filter(dir -> dir.getFileName().toString().matches("\\d+"))
          .filter(dir -> Files.isExecutable(dir.resolve("bin/postgres")))
          .max(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString())))
          .map(dir -> dir.resolve("bin"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> fromPgConfig() {
    try {
      Process process =
          new ProcessBuilder(List.of("pg_config", "--bindir")).redirectErrorStream(true).start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.exitValue() == 0 && !out.isEmpty()
          ? Optional.of(Path.of(out))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
