package dev.hallmark.deploy.local.testing;

import dev.hallmark.deploy.local.infrastructure.ContainerInfrastructure;
import dev.hallmark.deploy.local.infrastructure.DockerAvailability;
import dev.hallmark.deploy.local.infrastructure.ExternalInfrastructure;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.infrastructure.InfrastructureMode;
import dev.hallmark.deploy.local.infrastructure.LocalInfrastructure;
import dev.hallmark.deploy.local.infrastructure.TempDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    Path base = TempDirectories.createShared();
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
                      TempDirectories.deleteTree(deleteAfter);
                    }
                  }
                },
                "hallmark-test-infrastructure-stop"));
    return infrastructure;
  }
}
