package dev.hallmark.policy.config;

import static dev.hallmark.policy.config.ConfiguredPolicyCatalogueTest.POLICY_KEY;
import static dev.hallmark.policy.config.ConfiguredPolicyCatalogueTest.demo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.policy.model.ClaimPattern;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.OriginRule.TrustedIssuer;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginRulesTest {
  static final String ORIGIN_KEY = POLICY_KEY + ".origin";
  static final Map<String, Object> ISSUER =
      Map.of(
          "issuer", "https://token.actions.githubusercontent.com",
          "jwks-url", "https://token.actions.githubusercontent.com/.well-known/jwks",
          "audience", "hallmark");

  @Test
  void new_originBlockInYaml_isBoundWithClaimNamesAsWritten() throws Exception {
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
                  repositories: ["127.0.0.1:15000/demo/*"]
                  methods: [cosign]
                  key: demo-cosign
                  origin:
                    issuers:
                      - issuer: https://token.actions.githubusercontent.com
                        jwks-url: https://token.actions.githubusercontent.com/.well-known/jwks
                        audience: hallmark
                      - issuer: http://127.0.0.1:18080
                        jwks-url: http://127.0.0.1:18080/jwks
                        audience: hallmark-local
                    claims:
                      repository: ["acme/app"]
                      ref: ["refs/heads/main", "refs/tags/v*"]
                      job_workflow_ref: acme/app/.github/workflows/release.yml@*
                    allow-declared: true
        """
            .formatted(ConfiguredPolicyCatalogueTest.TOKEN);
    Map<String, Object> properties =
        new YamlPropertySourceLoader()
            .read("projects.yml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

    try (ApplicationContext context =
        ApplicationContext.builder()
            .propertySources(PropertySource.of("projects.yml", properties))
            // Only the configuration is under test: no broker, no database.
            .properties(
                Map.of(
                    "kafka.enabled", false,
                    "hallmark.outbox.enabled", false,
                    "hallmark.topics.provision", false,
                    "flyway.enabled", false,
                    "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/none",
                    "datasources.default.initialization-fail-timeout", -1))
            // The service does not start without its decision key (ADR 0006).
            .properties(new java.util.HashMap<>(TestDecisionKey.policyProperties()))
            .start()) {
      OriginRule rule =
          context
              .getBean(ConfiguredPolicyCatalogue.class)
              .project("demo")
              .flatMap(project -> project.policy("default"))
              .map(Policy::origin)
              .orElseThrow();

      assertThat(rule.issuers())
          .containsExactly(
              new TrustedIssuer(
                  "https://token.actions.githubusercontent.com",
                  URI.create("https://token.actions.githubusercontent.com/.well-known/jwks"),
                  "hallmark"),
              new TrustedIssuer(
                  "http://127.0.0.1:18080",
                  URI.create("http://127.0.0.1:18080/jwks"),
                  "hallmark-local"));
      assertThat(rule.claims())
          .containsExactly(
              Map.entry(
                  "job_workflow_ref",
                  List.of(ClaimPattern.of("acme/app/.github/workflows/release.yml@*"))),
              Map.entry(
                  "ref",
                  List.of(ClaimPattern.of("refs/heads/main"), ClaimPattern.of("refs/tags/v*"))),
              Map.entry("repository", List.of(ClaimPattern.of("acme/app"))));
      assertThat(rule.allowDeclared()).isTrue();
    }
  }

  @Test
  void new_noOriginBlock_policyHasNoOriginRule() {
    ConfiguredPolicyCatalogue catalogue = new ConfiguredPolicyCatalogue(List.of(demo(p -> {})));

    assertThat(catalogue.project("demo").orElseThrow().policy("default").orElseThrow().origin())
        .isNull();
  }

  @Test
  void new_originWithoutClaimsOrAllowDeclared_defaultsToNoClaimsAndDenyingDeclared() {
    ConfiguredPolicyCatalogue catalogue =
        new ConfiguredPolicyCatalogue(
            List.of(demo(p -> p.setOrigin(Map.of("issuers", List.of(ISSUER))))));

    OriginRule rule =
        catalogue.project("demo").orElseThrow().policy("default").orElseThrow().origin();
    assertThat(rule.claims()).isEmpty();
    assertThat(rule.allowDeclared()).isFalse();
  }

  @Test
  void new_originWithoutIssuers_failsNamingTheKey() {
    assertProblems(
        Map.of("claims", Map.of("ref", List.of("refs/heads/main"))),
        ORIGIN_KEY
            + ".issuers: must list at least one issuer (issuer, jwks-url and audience of each)");
  }

  @Test
  void new_plainHttpJwksUrlToAnotherHost_failsNamingTheKey() {
    assertProblems(
        Map.of(
            "issuers",
            List.of(
                Map.of(
                    "issuer", "https://ci.example",
                    "jwks-url", "http://ci.example/jwks",
                    "audience", "hallmark"))),
        ORIGIN_KEY
            + ".issuers[0].jwks-url: must be an https URL (plain http only to 127.0.0.1,"
            + " localhost or [::1])");
  }

  @Test
  void new_issuerWithoutAudienceAndUnknownKey_failsNamingBoth() {
    assertProblems(
        Map.of(
            "issuers",
            List.of(
                Map.of(
                    "issuer", "https://ci.example",
                    "jwks-url", "https://ci.example/jwks",
                    "audiences", "hallmark"))),
        ORIGIN_KEY + ".issuers[0].audiences: unknown key; an issuer has " + OriginRules.ISSUER_KEYS,
        ORIGIN_KEY + ".issuers[0].audience: is required (the aud the tokens are issued for)");
  }

  @Test
  void new_sameIssuerTwice_failsNamingTheSecond() {
    assertProblems(
        Map.of("issuers", List.of(ISSUER, ISSUER)),
        ORIGIN_KEY
            + ".issuers[1].issuer: https://token.actions.githubusercontent.com is listed twice");
  }

  @Test
  void new_misspeltClaimsKey_failsRatherThanDroppingTheRules() {
    assertProblems(
        Map.of("issuers", List.of(ISSUER), "claim", Map.of("ref", "refs/heads/main")),
        ORIGIN_KEY + ".claim: unknown key; origin has " + OriginRules.ORIGIN_KEYS);
  }

  @Test
  void new_claimWithoutPatternsOrBlankPattern_failsNamingTheClaim() {
    assertProblems(
        Map.of(
            "issuers",
            List.of(ISSUER),
            "claims",
            Map.of("ref", List.of(), "repository", List.of(" "))),
        ORIGIN_KEY + ".claims.ref: must name at least one pattern",
        ORIGIN_KEY + ".claims.repository[0]: pattern ' ' must not be blank");
  }

  @Test
  void new_allowDeclaredNotBoolean_failsNamingTheKey() {
    assertProblems(
        Map.of("issuers", List.of(ISSUER), "allow-declared", "sometimes"),
        ORIGIN_KEY + ".allow-declared: must be true or false");
  }

  private static void assertProblems(Map<String, Object> origin, String... problems) {
    PolicyConfigurationException e =
        catchThrowableOfType(
            PolicyConfigurationException.class,
            () -> new ConfiguredPolicyCatalogue(List.of(demo(p -> p.setOrigin(origin)))));
    assertThat(e.problems()).containsExactlyInAnyOrder(problems);
  }
}
