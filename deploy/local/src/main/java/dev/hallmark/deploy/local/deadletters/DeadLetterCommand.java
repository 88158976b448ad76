package dev.hallmark.deploy.local.deadletters;

import dev.hallmark.deploy.local.infrastructure.ExternalInfrastructure;
import dev.hallmark.deploy.local.stack.StackEnvFile;
import dev.hallmark.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code deploy/local/stack dlt list|replay SERVICE}: a service's dead letters, and their replay
 * once the cause is fixed ({@code docs/operations.md}). Uses the stack's Kafka ({@code
 * HALLMARK_KAFKA_BOOTSTRAP} of {@code stack.env}) unless {@code --bootstrap-server} names another.
 *
 * <p>Exit code 0 when done, 1 when Kafka could not be read or written, 2 for a command line it
 * cannot use (the usage on stderr).
 */
public final class DeadLetterCommand {
  private DeadLetterCommand() {}

  /**
   * @param args what follows {@code dlt} on the command line
   * @param stackEnv the stack's {@code stack.env}, read only when no {@code --bootstrap-server} is
   *     given
   */
  public static int run(List<String> args, Path stackEnv, PrintStream out, PrintStream err) {
    DeadLetterOptions options;
    try {
      options = DeadLetterOptions.parse(args);
    } catch (DeadLetterOptions.UsageException e) {
      err.println(e.getMessage() + "\n" + DeadLetterOptions.USAGE);
      return 2;
    }
    Optional<String> bootstrap = options.bootstrapServers().or(() -> fromStackEnv(stackEnv));
    if (bootstrap.isEmpty()) {
      err.println(
          "no "
              + ExternalInfrastructure.KAFKA_BOOTSTRAP
              + " in "
              + stackEnv
              + ": start the stack (deploy/local/stack up) or give --bootstrap-server HOST:PORT");
      return 1;
    }
    String topic = Topics.deadLetterFor(options.service()).name();
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.consumer(bootstrap.get(), options.service())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, KafkaClients.API_TIMEOUT);
      if (partitions.isEmpty()) {
        err.println(
            "no topic " + topic + " on " + bootstrap.get() + " (the service creates it at start)");
        return 1;
      }
      return switch (options.action()) {
        case LIST -> list(options, consumer, partitions, out, err);
        case REPLAY -> replay(options, bootstrap.get(), consumer, partitions, out);
      };
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("stack dlt " + String.join(" ", args) + ": " + e.getMessage());
      return 1;
    } catch (KafkaException e) {
      err.println("could not use " + topic + " on " + bootstrap.get() + ": " + e);
      return 1;
    } catch (Exception e) {
      err.println("stack dlt " + String.join(" ", args) + " failed: " + e);
      return 1;
    }
  }

  private static int list(
      DeadLetterOptions options,
      KafkaConsumer<byte[], byte[]> consumer,
      List<PartitionInfo> partitions,
      PrintStream out,
      PrintStream err)
      throws Exception {
    DeadLetterListing listing = new DeadLetterListing(options.json(), out);
    for (PartitionInfo partition : partitions) {
      listing.list(new PartitionReader(consumer, topicPartition(partition)));
    }
    if (!options.json()) {
      // A count on stderr: stdout stays one dead letter per line for scripts.
      err.printf("%d dead letters of %s%n", listing.count(), options.service());
    }
    return 0;
  }

  private static int replay(
      DeadLetterOptions options,
      String bootstrap,
      KafkaConsumer<byte[], byte[]> consumer,
      List<PartitionInfo> partitions,
      PrintStream out)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaClients.producer(bootstrap, options.service())) {
      DeadLetterReplay replay = new DeadLetterReplay(options.service(), producer, out);
      List<PartitionInfo> chosen =
          partitions.stream()
              .filter(p -> options.offset().isEmpty() || p.partition() == options.partition())
              .toList();
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException(
            "no partition " + options.partition() + " in " + partitions.get(0).topic());
      }
      for (PartitionInfo partition : chosen) {
        replay.replay(new PartitionReader(consumer, topicPartition(partition)), options.offset());
      }
      out.printf(
          "replayed %d dead letters of %s (%d skipped)%n",
          replay.replayed(), options.service(), replay.skipped());
      return 0;
    }
  }

  private static TopicPartition topicPartition(PartitionInfo info) {
    return new TopicPartition(info.topic(), info.partition());
  }

  private static Optional<String> fromStackEnv(Path stackEnv) {
    if (stackEnv == null || !Files.isRegularFile(stackEnv)) {
      return Optional.empty();
    }
    return Optional.ofNullable(
            StackEnvFile.read(stackEnv).get(ExternalInfrastructure.KAFKA_BOOTSTRAP))
        .filter(value -> !value.isBlank());
  }
}
