package dev.hallmark.intake.projects;

import static dev.hallmark.intake.projects.ProjectDirectoryTest.HASH;
import static dev.hallmark.intake.projects.ProjectDirectoryTest.demo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code origin.issuers} of policies, the part of the origin block intake reads. */
class ProjectDirectoryOriginTest {
  static final String POLICY = "hallmark.projects.demo.policies.default";
  static final TrustedIssuer GITHUB =
      new TrustedIssuer(
          "https://token.actions.githubusercontent.com",
          URI.create("https://token.actions.githubusercontent.com/.well-known/jwks"),
          "hallmark");

  @Test
  void new_originInYaml_readsTheIssuers() throws Exception {
    String yaml =
        """
        hallmark:
          projects:
            demo:
              submitters:
                ci:
                  token-sha256: "%s"
              policies:
                default:
                  submitters: [ci]
                  repositories: ["r.example/demo/*"]
                  origin:
                    issuers:
                      - issuer: https://token.actions.githubusercontent.com
                        jwks-url: https://token.actions.githubusercontent.com/.well-known/jwks
                        audience: hallmark
                    claims:
                      job_workflow_ref: ["acme/app/.github/workflows/release.yml@*"]
                    allow-declared: false
        """
            .formatted(HASH);
    Map<String, Object> properties =
        new YamlPropertySourceLoader()
            .read("projects.yml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

    assertThat(issuersFrom(PropertySource.of("projects.yml", properties))).containsExactly(GITHUB);
  }

  /** How tests and environment variables set lists: one flat key per item and field. */
  @Test
  void new_originAsFlatIndexedKeys_readsTheIssuers() {
    Map<String, Object> properties =
        Map.of(
            "hallmark.projects.demo.submitters.ci.token-sha256",
            HASH,
            POLICY + ".repositories",
            List.of("r.example/demo/*"),
            POLICY + ".origin.issuers[0].issuer",
            GITHUB.issuer(),
            POLICY + ".origin.issuers[0].jwks-url",
            GITHUB.jwksUrl().toString(),
            POLICY + ".origin.issuers[0].audience",
            GITHUB.audience());

    assertThat(issuersFrom(PropertySource.of("flat", properties))).containsExactly(GITHUB);
  }

  @Test
  void new_noOrigin_trustsNoIssuer() {
    ProjectDirectory directory =
        new ProjectDirectory(demo(Map.of("repositories", List.of("r.example/demo/*"))));

    assertThat(policy(directory).trustedIssuers()).isEmpty();
  }

  @Test
  void new_plainHttpToAnotherHost_failsNamingTheKey() {
    assertThatThrownBy(
            () ->
                new ProjectDirectory(
                    demo(
                        Map.of(
                            "repositories",
                            List.of("r.example/demo/*"),
                            "origin",
                            Map.of(
                                "issuers",
                                List.of(
                                    Map.of(
                                        "issuer", "https://ci.example",
                                        "jwks-url", "http://ci.example/jwks",
                                        "audience", "hallmark")))))))
        .isInstanceOf(InvalidProjectConfigurationException.class)
        .hasMessage(
            POLICY
                + ".origin.issuers[0].jwks-url: must be an https URL (plain http only to"
                + " 127.0.0.1, localhost or [::1])");
  }

  @Test
  void new_originWithoutIssuers_failsNamingTheKey() {
    assertThatThrownBy(
            () ->
                new ProjectDirectory(
                    demo(
                        Map.of(
                            "repositories",
                            List.of("r.example/demo/*"),
                            "origin",
                            Map.of("allow-declared", true)))))
        .isInstanceOf(InvalidProjectConfigurationException.class)
        .hasMessageStartingWith(POLICY + ".origin.issuers: must list at least one issuer");
  }

  private static List<TrustedIssuer> issuersFrom(PropertySource source) {
    try (ApplicationContext context =
        ApplicationContext.builder().propertySources(source).build()) {
      Environment environment = context.getEnvironment();
      environment.start();
      return policy(new ProjectDirectory(environment)).trustedIssuers();
    }
  }

  private static PolicySummary policy(ProjectDirectory directory) {
    return directory.project("demo").orElseThrow().policy("default").orElseThrow();
  }

  @Test
  void new_originWithoutAllowDeclared_requiresAVerifiedOrigin() {
    PolicySummary strict = policy(new ProjectDirectory(demo(withOrigin(Map.of()))));
    PolicySummary lenient =
        policy(new ProjectDirectory(demo(withOrigin(Map.of("allow-declared", true)))));
    PolicySummary none =
        policy(new ProjectDirectory(demo(Map.of("repositories", List.of("r.example/demo/*")))));

    assertThat(strict.requiresVerifiedOrigin()).isTrue();
    assertThat(lenient.requiresVerifiedOrigin()).isFalse();
    assertThat(none.requiresVerifiedOrigin()).isFalse();
  }

  /** A policy with an origin block of GITHUB and the given extra keys. */
  private static Map<String, Object> withOrigin(Map<String, Object> extra) {
    Map<String, Object> origin = new java.util.HashMap<>(extra);
    origin.put(
        "issuers",
        List.of(
            Map.of(
                "issuer", GITHUB.issuer(),
                "jwks-url", GITHUB.jwksUrl().toString(),
                "audience", GITHUB.audience())));
    return Map.of("repositories", List.of("r.example/demo/*"), "origin", origin);
  }
}
