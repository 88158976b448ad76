package dev.hallmark.runtime.kafka;

import dev.hallmark.schemas.topics.TopicProvisioner;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.AdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the running service writes or reads (from the topic catalogue, by the
 * service's application name), so that a fresh cluster works without manual setup. Retries until
 * the broker is reachable; creating an existing topic is a no-op.
 */
@Singleton
@Requires(property = "hallmark.topics.provision", notEquals = "false")
public final class TopicInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);
  private final AdminClient admin;
  private final String service;
  private final AtomicBoolean done = new AtomicBoolean();

  TopicInitializer(AdminClient admin, @Value("${micronaut.application.name}") String service) {
    this.admin = admin;
    this.service = service;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    ensureTopics();
  }

  @Scheduled(fixedDelay = "10s", initialDelay = "10s")
  void ensureTopics() {
    if (done.get()) {
      return;
    }
    try {
      TopicProvisioner.ensure(admin, Topics.usedBy(service), Duration.ofSeconds(10));
      done.set(true);
    } catch (RuntimeException e) {
      LOG.warn("could not create the topics of {} yet, will retry: {}", service, e.getMessage());
    }
  }

  /** Whether every topic of this service exists; false until the first success. */
  public boolean provisioned() {
    return done.get();
  }
}
