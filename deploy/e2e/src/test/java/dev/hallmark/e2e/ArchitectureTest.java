package dev.hallmark.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.hallmark.deploy.local.infrastructure.HallmarkHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Architecture rules across modules (docs/architecture.md, "Rules that keep it simple to change").
 * The compiled classes of every module are imported from their {@code target/classes}, so this test
 * sees exactly what the build produced, without putting the services on one classpath.
 */
class ArchitectureTest {
  /** Module directory to root package, for every service. */
  static final Map<String, String> SERVICES =
      Map.of(
          "intake-service", "dev.hallmark.intake",
          "policy-service", "dev.hallmark.policy",
          "signer-service", "dev.hallmark.signer",
          "registry-publisher", "dev.hallmark.publisher",
          "audit-service", "dev.hallmark.audit");

  static JavaClasses all;

  @BeforeAll
  static void importCompiledModules() {
    all = CompiledModules.importAll();
  }

  /** ArchUnit package patterns of every service, and of the given root packages. */
  static String[] servicePackagesAnd(String... more) {
    return Stream.concat(SERVICES.values().stream(), Stream.of(more))
        .map(p -> p + "..")
        .toArray(String[]::new);
  }

  static Stream<Arguments> servicePairs() {
    return SERVICES.values().stream()
        .flatMap(
            from ->
                SERVICES.values().stream()
                    .filter(to -> !to.equals(from))
                    .map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} does not use {1}")
  @MethodSource("servicePairs")
  void services_neverUseEachOther(String from, String to) {
    noClasses()
        .that()
        .resideInAPackage(from + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(to + "..")
        .because(
            "services share only the schemas module and talk over Kafka or public HTTP APIs;"
                + " move shared event types into schemas, or call the other service's API")
        .check(all);
  }

  @Test
  void schemas_dependOnNoService() {
    noClasses()
        .that()
        .resideInAPackage("dev.hallmark.schemas..")
        .or()
        .resideInAPackage("dev.hallmark.events..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(servicePackagesAnd("dev.hallmark.runtime", "io.micronaut"))
        .because(
            "schemas is the contract every service shares; it must not know any service or"
                + " framework. Put service code in the service")
        .check(all);
  }

  @Test
  void serviceRuntime_knowsNoService() {
    noClasses()
        .that()
        .resideInAPackage("dev.hallmark.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(servicePackagesAnd())
        .because(
            "service-runtime holds only wiring every service needs; domain code stays in its"
                + " service")
        .check(all);
  }

  @Test
  void services_doNotUseTheLauncher() {
    noClasses()
        .that()
        .resideInAnyPackage(servicePackagesAnd())
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.hallmark.deploy..")
        .because(
            "the launcher starts infrastructure for the local stack and tests; production code"
                + " gets its endpoints from configuration")
        .check(all);
  }

  @Test
  void productionCode_doesNotUseTheTestFixtures() {
    noClasses()
        .that()
        .resideInAnyPackage(
            servicePackagesAnd(
                "dev.hallmark.schemas",
                "dev.hallmark.runtime",
                "dev.hallmark.oci",
                "dev.hallmark.notary",
                "dev.hallmark.deploy",
                "dev.hallmark.bench",
                "dev.hallmark.events"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.hallmark.testing..")
        .because(
            "deploy/testing (hallmark-testing) is the tests' plumbing and only ever a test-scoped"
                + " dependency; move what production code needs into the module that owns it")
        .check(all);
  }

  @Test
  void bench_measuresServicesFromOutside() {
    noClasses()
        .that()
        .resideInAPackage("dev.hallmark.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(servicePackagesAnd("dev.hallmark.runtime", "io.micronaut"))
        .because(
            "the benchmark drives the stack through its HTTP APIs, the registry and Kafka, as"
                + " clients do; code of a service it needs (the raw HSM rate) goes in a bench"
                + " module that depends on that service (deploy/bench-hsm) and runs in a"
                + " process of its own")
        .check(all);
  }

  @Test
  void ociClient_knowsNoServiceAndNoFramework() {
    noClasses()
        .that()
        .resideInAPackage("dev.hallmark.oci..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(servicePackagesAnd("dev.hallmark.runtime", "io.micronaut"))
        .because(
            "oci-client is a plain OCI distribution client any module can use; keep service"
                + " and framework code in the services")
        .check(all);
  }

  @Test
  void notaryClient_knowsNoServiceAndNoFramework() {
    noClasses()
        .that()
        .resideInAPackage("dev.hallmark.notary..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            servicePackagesAnd("dev.hallmark.runtime", "dev.hallmark.oci", "io.micronaut"))
        .because(
            "notary-client holds the TUF rules signer-service and registry-publisher must agree"
                + " on; keep it free of service, framework and registry code")
        .check(all);
  }

  @Test
  void projectRoot_hasEveryServiceModule() {
    Path root = HallmarkHome.locate();
    SERVICES.keySet().forEach(m -> assertThat(Files.isDirectory(root.resolve(m))).isTrue());
  }
}
