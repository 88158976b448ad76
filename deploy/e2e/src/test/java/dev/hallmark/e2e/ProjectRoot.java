package dev.hallmark.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: system property hallmark.home, else the nearest parent with the pom. */
final class ProjectRoot {
  private ProjectRoot() {}

  static Path find() {
    String home = System.getProperty("hallmark.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/local/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("run from inside the Hallmark repository");
  }
}
