package dev.hallmark.bench;

import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.topics.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows {@code hallmark.publications.v1} from its end, as an operator's consumer would, and notes
 * when each image's signature was announced. registry-publisher announces a signature after it has
 * put the signature manifest and read it back, so the moment the event arrives here is an upper
 * bound of the moment the signature became visible in the registry. No consumer group: the watcher
 * assigns every partition and commits nothing.
 */
final class PublicationWatcher implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(50);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventCodec codec = EventCodec.standard();
  private final Map<String, Long> publishedByDigest = new ConcurrentHashMap<>();
  private final Map<UUID, Long> publishedByRequest = new ConcurrentHashMap<>();
  private final Map<String, String> failedByDigest = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  PublicationWatcher(String bootstrap) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.Names.PUBLICATIONS).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // Resolve the end offsets now, so that nothing published after this constructor is missed.
    partitions.forEach(consumer::position);
    poller = new Thread(this::pollLoop, "publication-watcher");
    poller.setDaemon(true);
    poller.start();
  }

  private void pollLoop() {
    while (running) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        long seen = System.nanoTime();
        SpecificRecord event;
        try {
          event = codec.decode(record.value());
        } catch (RuntimeException e) {
          continue; // Not ours to judge; the services dead-letter bad events.
        }
        if (event instanceof SignaturePublished published) {
          publishedByDigest.putIfAbsent(published.getImage().getDigest(), seen);
          publishedByRequest.putIfAbsent(published.getRequestId(), seen);
        } else if (event instanceof PublicationFailed failed) {
          failedByDigest.putIfAbsent(failed.getImage().getDigest(), failed.getReason());
        }
      }
    }
    consumer.close(Duration.ofSeconds(2));
  }

  /** When the signature of {@code digest} was announced ({@link System#nanoTime()}), or null. */
  Long publishedAt(String digest) {
    return publishedByDigest.get(digest);
  }

  Long requestPublishedAt(UUID requestId) {
    return publishedByRequest.get(requestId);
  }

  /** Why the publication of {@code digest} failed, or null. */
  String failure(String digest) {
    return failedByDigest.get(digest);
  }

  /**
   * Waits until every digest's signature is announced or failed.
   *
   * @return how many are still outstanding at the deadline
   */
  long awaitDigests(Collection<String> digests, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long missing;
    do {
      missing =
          digests.stream()
              .filter(d -> !publishedByDigest.containsKey(d) && !failedByDigest.containsKey(d))
              .count();
      if (missing == 0) {
        return 0;
      }
      TimeUnit.MILLISECONDS.sleep(5);
    } while (System.nanoTime() < deadline);
    return missing;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    poller.join(5_000);
  }
}
