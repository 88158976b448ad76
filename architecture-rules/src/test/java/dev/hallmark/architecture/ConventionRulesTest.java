package dev.hallmark.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule passes the conforming fixtures and fails the violating one with advice on fixing it.
 */
class ConventionRulesTest {
  private static JavaClasses good;
  private static JavaClasses bad;

  @BeforeAll
  static void importFixtures() {
    good = new ClassFileImporter().importPackages("dev.hallmark.architecture.fixtures.good");
    bad = new ClassFileImporter().importPackages("dev.hallmark.architecture.fixtures.bad");
  }

  @Test
  void everyServiceRule_conformingModule_passes() {
    for (ArchRule rule : ConventionRules.forKind(ModuleKind.SERVICE)) {
      assertThatCode(() -> rule.check(good)).as(rule.getDescription()).doesNotThrowAnyException();
    }
  }

  @Test
  void listenersLiveInMessaging_listenerElsewhere_failsNamingTheFix() {
    assertViolation(ConventionRules.LISTENERS_LIVE_IN_MESSAGING, "StrayListener", "messaging");
  }

  @Test
  void controllersLiveInApi_controllerElsewhere_failsNamingTheFix() {
    assertViolation(ConventionRules.CONTROLLERS_LIVE_IN_API, "StrayController", "api package");
  }

  @Test
  void noRepositoryCallsFromAdapters_controllerUsingRepository_failsNamingTheFix() {
    assertViolation(
        ConventionRules.NO_REPOSITORY_CALLS_FROM_ADAPTERS, "LeakyController", "service class");
  }

  @Test
  void noKafkaProducerOutsideRuntime_ownProducer_failsNamingTheFix() {
    assertViolation(ConventionRules.NO_KAFKA_PRODUCER_OUTSIDE_RUNTIME, "OwnProducer", "outbox");
  }

  @Test
  void noBenchmarkCode_benchmarkInModule_failsNamingTheFix() {
    assertViolation(ConventionRules.NO_BENCHMARK_CODE, "AppendBenchmark", "deploy/bench");
  }

  @Test
  void toolRules_allowProducersAndBenchmarks() {
    assertThatCode(
            () ->
                ConventionRules.forKind(ModuleKind.TOOL).stream()
                    .filter(rule -> rule != ConventionRules.CONTROLLERS_LIVE_IN_API)
                    .forEach(rule -> rule.check(bad)))
        .doesNotThrowAnyException();
  }

  private static void assertViolation(ArchRule rule, String offender, String advice) {
    assertThatThrownBy(() -> rule.check(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(offender)
        .hasMessageContaining(advice);
  }
}
