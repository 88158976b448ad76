package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the repository root, and the broker jars that {@code mvn package} copies below it. */
public final class HallmarkHome {
  public static final String PROPERTY = "hallmark.home";
  public static final String ENV = "HALLMARK_HOME";
  private static final String MARKER = "deploy/local/pom.xml";

  private HallmarkHome() {}

  /**
   * System property {@code hallmark.home} (failsafe sets it), else env {@code HALLMARK_HOME}, else
   * the nearest directory above {@code user.dir} that contains {@code deploy/local/pom.xml}.
   */
  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    if (configured != null && !configured.isBlank()) {
      Path home = Path.of(configured).toAbsolutePath().normalize();
      if (!Files.isRegularFile(home.resolve(MARKER))) {
        throw new ConfigurationException(
            "hallmark-home", PROPERTY + "/" + ENV, home + " has no " + MARKER);
      }
      return home;
    }
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return dir;
      }
    }
    throw new ConfigurationException(
        "hallmark-home",
        PROPERTY + "/" + ENV,
        "not set, and no directory above " + System.getProperty("user.dir") + " has " + MARKER);
  }

  /** {@code <home>/deploy/local/target/lib}, checked to contain the Kafka broker jar. */
  public static Path brokerLibDir(Path home) {
    Path lib = home.resolve("deploy/local/target/lib");
    if (!containsKafkaJar(lib)) {
      throw new MissingBinaryException(
          "kafka",
          lib.resolve("kafka_2.13-*.jar"),
          "build the launcher first: cd " + home + " && mvn -B -q -pl deploy/local package");
    }
    return lib;
  }

  private static boolean containsKafkaJar(Path lib) {
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (Stream<Path> files = Files.list(lib)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
    } catch (IOException e) {
      return false;
    }
  }
}
