package dev.hallmark.audit.tail;

import dev.hallmark.schemas.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code audit tail}: prints the audit topic, one line per ledger entry and checkpoint.
 *
 * <pre>
 * java -cp audit-service/target/audit-service.jar dev.hallmark.audit.tail.AuditTailCommand \
 *   --bootstrap-server 127.0.0.1:19092 [--from-beginning | --from-seq N] [--follow] [--json]
 * </pre>
 *
 * Exit code 0 when it reached the end (or was stopped with Ctrl-C while following), 1 when the
 * topic could not be read, 2 for a command line it cannot use (the usage on stderr).
 */
public final class AuditTailCommand {
  private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

  private AuditTailCommand() {}

  public static void main(String[] args) {
    // Before any logger exists: Kafka's warnings go to stderr, stdout carries only the lines.
    System.setProperty("logback.configurationFile", "logback-command.xml");
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    TailOptions options;
    try {
      options = TailOptions.parse(args);
    } catch (TailOptions.UsageException e) {
      err.println(e.getMessage() + "\n" + TailOptions.USAGE);
      return 2;
    }
    String topic = Topics.AUDIT.name();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(options), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      if (consumer.partitionsFor(topic, API_TIMEOUT).isEmpty()) {
        err.println(
            "no topic "
                + topic
                + " on "
                + options.bootstrapServers()
                + " (audit-service creates it when it starts)");
        return 1;
      }
      AuditTail tail = new AuditTail(consumer, new TopicPartition(topic, 0), options, out, err);
      runUntilDoneOrInterrupted(tail);
      return 0;
    } catch (KafkaException e) {
      err.println("could not read " + topic + " from " + options.bootstrapServers() + ": " + e);
      return 1;
    }
  }

  /** Ctrl-C while following stops the tail and lets it close the consumer before the JVM exits. */
  private static void runUntilDoneOrInterrupted(AuditTail tail) {
    CountDownLatch done = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              tail.stop();
              try {
                done.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      tail.run();
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running already; it is waiting for exactly this.
      }
    }
  }

  static Properties consumerConfig(TailOptions options) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hallmark-audit-tail");
    // No group: the partition is assigned and nothing is committed, so reading changes nothing.
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    config.put(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(API_TIMEOUT.toMillis()));
    return config;
  }
}
