package dev.hallmark.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The project's conventions as ArchUnit rules, in the manner of Debezium's shared rule library:
 * each rule names the convention and its message says how to fix a violation. Rules that span
 * modules (services never use each other) stay in deploy/e2e's {@code ArchitectureTest}, which sees
 * every module at once; these run in each module's own build ({@link ConventionsTest}).
 *
 * <p>Framework types are named by string, so that this module depends on no framework and every
 * module, the framework-free libraries included, can run it.
 */
public final class ConventionRules {
  static final String MESSAGING_RUNTIME = "dev.hallmark.runtime.messaging";
  static final String MICRONAUT_KAFKA_LISTENER =
      "io.micronaut.configuration.kafka.annotation.KafkaListener";
  static final String MICRONAUT_CONTROLLER = "io.micronaut.http.annotation.Controller";
  static final String MICRONAUT_DATA_REPOSITORY = "io.micronaut.data.repository.GenericRepository";
  static final String MICRONAUT_JDBC_REPOSITORY =
      "io.micronaut.data.jdbc.annotation.JdbcRepository";

  /** Listeners (implementations of the messaging runtime's listener interfaces) in messaging. */
  public static final ArchRule LISTENERS_LIVE_IN_MESSAGING =
      classes()
          .that(implementAMessagingListener())
          .should()
          .resideInAPackage("..messaging..")
          .because(
              "every Kafka listener of a service lives in <service>.messaging and is named after"
                  + " what it consumes; move the class there (e.g. dev.hallmark.intake.messaging)")
          .allowEmptyShould(true);

  /** Consuming goes through service-runtime's loop, not micronaut-kafka's annotation. */
  public static final ArchRule NO_ANNOTATED_KAFKA_LISTENERS =
      noClasses()
          .should()
          .beAnnotatedWith(MICRONAUT_KAFKA_LISTENER)
          .because(
              "@KafkaListener commits the offset of a record that was neither applied nor parked;"
                  + " implement RecordListener or BatchListener of "
                  + MESSAGING_RUNTIME
                  + " instead, which decodes, retries from hallmark.kafka.retry.* and parks")
          .allowEmptyShould(true);

  /** HTTP controllers live in api packages. */
  public static final ArchRule CONTROLLERS_LIVE_IN_API =
      classes()
          .that()
          .areAnnotatedWith(MICRONAUT_CONTROLLER)
          .should()
          .resideInAPackage("..api..")
          .because(
              "HTTP endpoints of a service live in an api package (e.g. <service>.api or"
                  + " <service>.<area>.api), so that its public surface is found in one place;"
                  + " move the controller there")
          .allowEmptyShould(true);

  /** Only service-runtime holds a Kafka producer. */
  public static final ArchRule NO_KAFKA_PRODUCER_OUTSIDE_RUNTIME =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.kafka.clients.producer..")
          .because(
              "events are written through the transactional outbox"
                  + " (dev.hallmark.runtime.outbox.Outbox.append, in the transaction that changes"
                  + " state) and dead letters through dev.hallmark.runtime.kafka"
                  + ".DeadLetterPublisher; a producer of one's own can announce what never"
                  + " committed")
          .allowEmptyShould(true);

  /** Controllers and listeners are thin adapters that never touch a repository. */
  public static final ArchRule NO_REPOSITORY_CALLS_FROM_ADAPTERS =
      noClasses()
          .that()
          .resideInAnyPackage("..api..", "..messaging..")
          .should()
          .dependOnClassesThat(areRepositories())
          .because(
              "controllers and listeners only map their input and call one domain method; move the"
                  + " query or write into a service class of the domain package and call that")
          .allowEmptyShould(true);

  /** Benchmarks never ship in a service's jar. */
  public static final ArchRule NO_BENCHMARK_CODE =
      noClasses()
          .should()
          .resideInAPackage("..bench..")
          .orShould()
          .haveSimpleNameEndingWith("Benchmark")
          .because(
              "benchmark code belongs in deploy/bench or a bench module that depends on the"
                  + " service it measures, never in the service jar that runs in production")
          .allowEmptyShould(true);

  private ConventionRules() {}

  /** The rules a module of this kind follows. */
  public static List<ArchRule> forKind(ModuleKind kind) {
    return switch (kind) {
      case SERVICE ->
          List.of(
              LISTENERS_LIVE_IN_MESSAGING,
              NO_ANNOTATED_KAFKA_LISTENERS,
              CONTROLLERS_LIVE_IN_API,
              NO_KAFKA_PRODUCER_OUTSIDE_RUNTIME,
              NO_REPOSITORY_CALLS_FROM_ADAPTERS,
              NO_BENCHMARK_CODE);
      case RUNTIME ->
          List.of(NO_ANNOTATED_KAFKA_LISTENERS, CONTROLLERS_LIVE_IN_API, NO_BENCHMARK_CODE);
      case LIBRARY ->
          List.of(
              NO_ANNOTATED_KAFKA_LISTENERS,
              CONTROLLERS_LIVE_IN_API,
              NO_KAFKA_PRODUCER_OUTSIDE_RUNTIME,
              NO_BENCHMARK_CODE);
      case TOOL -> List.of(NO_ANNOTATED_KAFKA_LISTENERS, CONTROLLERS_LIVE_IN_API);
    };
  }

  static DescribedPredicate<JavaClass> implementAMessagingListener() {
    return DescribedPredicate.describe(
        "implement a listener interface of " + MESSAGING_RUNTIME,
        type ->
            !type.isInterface()
                && type.getAllRawInterfaces().stream()
                    .anyMatch(
                        i ->
                            i.getPackageName().equals(MESSAGING_RUNTIME)
                                && i.getSimpleName().endsWith("Listener")));
  }

  static DescribedPredicate<JavaClass> areRepositories() {
    return DescribedPredicate.describe(
        "are repositories",
        type ->
            type.isAssignableTo(MICRONAUT_DATA_REPOSITORY)
                || type.isAnnotatedWith(MICRONAUT_JDBC_REPOSITORY)
                || type.getSimpleName().endsWith("Repository"));
  }
}
