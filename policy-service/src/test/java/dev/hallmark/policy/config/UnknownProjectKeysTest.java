package dev.hallmark.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownProjectKeysTest {
  static final String PROJECT = "hallmark.projects.demo";

  @Test
  void find_onlyKnownKeys_findsNothing() {
    List<String> unknown =
        unknownKeys(
            Map.of(
                PROJECT + ".submitters.ci.token-sha256", "ab".repeat(32),
                PROJECT + ".policies.default.submitters", List.of("ci"),
                PROJECT + ".policies.default.repositories", List.of("r.example/demo/*"),
                PROJECT + ".policies.default.tags", List.of("*"),
                PROJECT + ".policies.default.auto-sign-pushes", true,
                PROJECT + ".policies.default.methods", List.of("cosign"),
                PROJECT + ".policies.default.key", "demo-cosign"));

    assertThat(unknown).isEmpty();
  }

  @Test
  void find_misspeltKeys_namesThemInKebabCase() {
    List<String> unknown =
        unknownKeys(
            Map.of(
                PROJECT + ".policies.default.tag",
                List.of("v*"),
                PROJECT + ".policies.default.autoSignPush",
                true,
                PROJECT + ".submitters.ci.token",
                "x",
                PROJECT + ".webhook-secret",
                "x"));

    assertThat(unknown)
        .containsExactly(
            PROJECT + ".policies.default.auto-sign-push",
            PROJECT + ".policies.default.tag",
            PROJECT + ".submitters.ci.token",
            PROJECT + ".webhook-secret");
  }

  private static List<String> unknownKeys(Map<String, Object> properties) {
    ApplicationContext context =
        ApplicationContext.builder()
            .propertySources(PropertySource.of("projects", properties))
            .build();
    Environment environment = context.getEnvironment();
    environment.start();
    try {
      return UnknownProjectKeys.find(environment);
    } finally {
      environment.stop();
    }
  }
}
