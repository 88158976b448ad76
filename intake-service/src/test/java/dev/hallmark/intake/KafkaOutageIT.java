package dev.hallmark.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.infrastructure.KafkaBroker;
import dev.hallmark.deploy.local.infrastructure.Ports;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import dev.hallmark.runtime.outbox.OutboxRepository;
import dev.hallmark.testing.Await;
import dev.hallmark.testing.TestDecisionKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "A Kafka outage delays requests but loses none": intake keeps accepting requests while no broker
 * is reachable, keeps them in the outbox, and relays them once a broker appears.
 */
class KafkaOutageIT {
  static final Duration RECOVERY = Duration.ofSeconds(90);
  final Infrastructure infra = TestInfrastructure.shared();

  @Test
  void submit_whileKafkaIsDown_isAcceptedKeptAndRelayedWhenKafkaIsBack() throws Exception {
    int kafkaPort = Ports.freePort();
    Map<String, Object> properties = new HashMap<>(TestDecisionKey.intakeProperties(infra));
    properties.put("datasources.default.url", isolatedDatabase());
    properties.put("kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort);
    properties.put("kafka.producers.outbox-relay.max.block.ms", "2000");
    properties.put("kafka.producers.outbox-relay.delivery.timeout.ms", "4000");
    properties.put("kafka.producers.outbox-relay.request.timeout.ms", "2000");

    try (EmbeddedServer server =
            ApplicationContext.builder()
                .properties(properties)
                .environments("test")
                .run(EmbeddedServer.class);
        HttpClient http = HttpClient.create(server.getURL())) {
      OutboxRepository outbox = server.getApplicationContext().getBean(OutboxRepository.class);

      HttpResponse<?> accepted =
          http.toBlocking()
              .exchange(
                  SigningRequestIT.authorized(
                      HttpRequest.POST(
                          "/api/v1/signing-requests",
                          SigningRequestIT.body("demo", SigningRequestIT.DIGEST))));
      assertThat(accepted.code()).isEqualTo(202);

      Thread.sleep(3000); // several relay ticks against the missing broker
      assertThat(outbox.count()).as("request kept in the outbox while Kafka is down").isOne();

      Path dir = Files.createTempDirectory("hallmark-outage-kafka");
      try (KafkaBroker broker =
          KafkaBroker.start(
              KafkaBroker.Settings.forTests(dir, dir).withPorts(kafkaPort, Ports.freePort()))) {
        Await.until("outbox drained after recovery", RECOVERY, () -> outbox.count() == 0);
      }
    }
  }

  /** A database of its own, so that no other intake instance relays this test's outbox. */
  private String isolatedDatabase() throws Exception {
    String name = "outage_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection =
            DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return infra.jdbcUrl().substring(0, infra.jdbcUrl().lastIndexOf('/') + 1) + name;
  }
}
