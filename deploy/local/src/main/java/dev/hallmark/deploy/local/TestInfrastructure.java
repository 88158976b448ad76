package dev.hallmark.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure shared by all integration tests of one JVM: started on first use (free ports,
 * temporary directories, fsync off), stopped by a shutdown hook. Usage in a service's {@code *IT}:
 *
 * <pre>{@code
 * Infrastructure infra = TestInfrastructure.shared();
 * String bootstrap = infra.kafkaBootstrap();
 * }</pre>
 */
public final class TestInfrastructure {
  /** Set to keep the temporary data and log directories after the JVM exits. */
  public static final String KEEP_DIRS_ENV = "HALLMARK_KEEP_TEST_DIRS";

  private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);
  private static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(20);

  private static Infrastructure shared;
  private static RuntimeException startFailure;

  private TestInfrastructure() {}

  /**
   * The JVM-wide instance. A failed start is remembered and rethrown, so that each later test fails
   * at once with the same explanation instead of waiting again.
   */
  public static synchronized Infrastructure shared() {
    if (startFailure != null) {
      throw startFailure;
    }
    if (shared == null) {
      try {
        shared = start(System.getenv());
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
    return shared;
  }

  private static Infrastructure start(Map<String, String> env) {
    InfrastructureMode mode =
        InfrastructureMode.choose(
            env, () -> DockerAvailability.isAvailable(env, DOCKER_CHECK_TIMEOUT));
    LOG.info("Starting test infrastructure ({})", mode);
    return switch (mode) {
      case EXTERNAL -> ExternalInfrastructure.fromEnvironment(env);
      case CONTAINERS -> withShutdownHook(ContainerInfrastructure.start(), null);
      case LOCAL -> startLocal(env);
    };
  }

  private static Infrastructure startLocal(Map<String, String> env) {
    Path base = createSharedTempDir();
    Path logs = base.resolve("logs");
    boolean keep = env.containsKey(KEEP_DIRS_ENV);
    LOG.info("Local test infrastructure: data and logs in {}", base);
    // On a failed start the directory stays, for the full logs; the error quotes their tail.
    return withShutdownHook(
        LocalInfrastructure.start(new LocalInfrastructure.Settings(base, logs, true)),
        keep ? null : base);
  }

  private static Infrastructure withShutdownHook(Infrastructure infrastructure, Path deleteAfter) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    infrastructure.close();
                  } finally {
                    if (deleteAfter != null) {
                      deleteTree(deleteAfter);
                    }
                  }
                },
                "hallmark-test-infrastructure-stop"));
    return infrastructure;
  }

  /**
   * World-traversable (0755): when tests run as root, PostgreSQL runs as user {@code postgres} and
   * must reach its data directory below this one. Nothing secret is stored here.
   */
  static Path createSharedTempDir() {
    try {
      Path base = Files.createTempDirectory("hallmark-it-");
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      return base;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory", e);
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // Best effort: a temp dir left behind is harmless.
                }
              });
    } catch (IOException ignored) {
      // Already gone.
    }
  }
}
