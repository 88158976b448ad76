package dev.hallmark.runtime.messaging;

import dev.hallmark.schemas.topics.ConsumerGroup;
import io.micronaut.configuration.kafka.config.KafkaConsumerConfiguration;
import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link RecordListener} and {@link BatchListener} bean of the service: at startup one
 * consumer loop ({@link ListenerLoop}) on its own thread per listener; at shutdown each is woken,
 * commits what it finished and closes. {@code hallmark.kafka.listeners.enabled: false} runs none
 * (for tests that drive a listener themselves); so does {@code kafka.enabled: false}.
 */
@Singleton
@Requires(property = "hallmark.kafka.listeners.enabled", notEquals = "false")
@Requires(property = "kafka.enabled", notEquals = "false")
public class ListenerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerRuntime.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private final BeanContext beans;
  private final KafkaDefaultConfiguration kafka;
  private final ConsumerSettings settings;
  private final RetrySettings retry;
  private final DeadLetters deadLetters;
  private final List<Running> running = new ArrayList<>();

  private record Running(ListenerLoop loop, Thread thread) {}

  ListenerRuntime(
      BeanContext beans,
      KafkaDefaultConfiguration kafka,
      ConsumerSettings settings,
      RetrySettings retry,
      DeadLetters deadLetters) {
    this.beans = beans;
    this.kafka = kafka;
    this.settings = settings;
    this.retry = retry;
    this.deadLetters = deadLetters;
  }

  @EventListener
  synchronized void onStartup(StartupEvent event) {
    if (!running.isEmpty()) {
      return;
    }
    for (RecordListener listener : beans.getBeansOfType(RecordListener.class)) {
      start(
          ListenerLoops.forRecords(
              listener, consumer(listener.group()), deadLetters, retry, Clock.systemUTC()));
    }
    for (BatchListener listener : beans.getBeansOfType(BatchListener.class)) {
      start(
          ListenerLoops.forBatches(
              listener, consumer(listener.group()), deadLetters, retry, Clock.systemUTC()));
    }
  }

  @EventListener
  void onShutdown(ShutdownEvent event) {
    stop();
  }

  /** Stops every loop and waits for each to commit and close (bounded). */
  @PreDestroy
  public synchronized void stop() {
    running.forEach(one -> one.loop().stop());
    for (Running one : running) {
      try {
        one.thread().join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    running.clear();
  }

  /** The consumer groups whose loop died (not the ones retrying), with the failure. */
  public synchronized Map<String, String> deadLoops() {
    Map<String, String> dead = new TreeMap<>();
    for (Running one : running) {
      if (!one.loop().alive()) {
        Throwable failure = one.loop().failure();
        dead.put(one.loop().group().id(), failure == null ? "stopped" : failure.toString());
      }
    }
    return dead;
  }

  /** The consumer groups run here. */
  public synchronized List<String> groups() {
    return running.stream().map(one -> one.loop().group().id()).toList();
  }

  private void start(ListenerLoop loop) {
    Thread thread = new Thread(loop, "listener-" + loop.group().id());
    thread.setDaemon(false);
    running.add(new Running(loop, thread));
    thread.start();
    LOG.info(
        "{}: consuming {}{}",
        loop.group().id(),
        loop.group().topics(),
        loop.group().everyInstanceReadsAll() ? " whole, from the beginning" : "");
  }

  private Consumer<byte[], byte[]> consumer(ConsumerGroup group) {
    Map<?, ?> groupProperties =
        beans
            .findBean(KafkaConsumerConfiguration.class, Qualifiers.byName(group.id()))
            .map(configuration -> (Map<?, ?>) configuration.getConfig())
            .orElse(Map.of());
    Properties properties =
        ConsumerProperties.of(kafka.getConfig(), groupProperties, group, settings);
    return ListenerLoops.consumer(properties);
  }
}
