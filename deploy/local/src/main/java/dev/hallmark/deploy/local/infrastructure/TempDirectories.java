package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary directories of tests and tools: made world-traversable, removed best effort. */
public final class TempDirectories {
  private TempDirectories() {}

  /**
   * World-traversable (0755): when tests run as root, PostgreSQL runs as user {@code postgres} and
   * must reach its data directory below this one. Nothing secret is stored here.
   */
  public static Path createShared() {
    try {
      Path base = Files.createTempDirectory("hallmark-it-");
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      return base;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory", e);
    }
  }

  /** Deletes the tree below and including {@code root}; what cannot be deleted stays. */
  public static void deleteTree(Path root) {
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // Best effort: a temporary directory left behind is harmless.
                }
              });
    } catch (IOException ignored) {
      // Already gone.
    }
  }
}
