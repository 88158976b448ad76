package dev.hallmark.intake.projects;

import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.runtime.kafka.DeadLetterPublisher;
import dev.hallmark.schemas.serde.EventCodec;
import dev.hallmark.schemas.serde.EventDecodingException;
import dev.hallmark.schemas.topics.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the project catalogue topic into the {@link ProjectDirectory}, so that project changes take
 * effect without a restart.
 *
 * <p>Every instance needs the whole catalogue, not a share of it, and needs it again after every
 * start (it is held in memory only). So each instance consumes in a consumer group of its own
 * ({@code uniqueGroupId}: the group id plus a random UUID), starting at the earliest offset and
 * never committing (offset strategy {@code DISABLED}): a new group has no offsets, so each start
 * reads the compacted topic from its beginning and then follows it. This is plain micronaut-kafka,
 * with its retries and its wiring; a manual {@code assign} and {@code seekToBeginning} would need a
 * consumer loop of our own. The group is deleted when the service stops ({@code
 * uniqueGroupIdDeleteOnShutdown}); one left behind by a crash has no committed offsets, and the
 * broker's periodic group cleanup removes it. Consumer settings: {@code
 * kafka.consumers.intake-service-catalogue}.
 *
 * <p>A record that cannot be used goes to intake's dead-letter topic with the reason and the
 * consumer moves on; a failure to park it is retried.
 */
@KafkaListener(
    groupId = CatalogueListener.GROUP,
    uniqueGroupId = true,
    uniqueGroupIdDeleteOnShutdown = true,
    offsetReset = OffsetReset.EARLIEST,
    offsetStrategy = OffsetStrategy.DISABLED,
    errorStrategy =
        @ErrorStrategy(
            value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR,
            retryCount = 20,
            retryDelay = "200ms"))
final class CatalogueListener {
  static final String GROUP = "intake-service-catalogue";
  private static final Logger LOG = LoggerFactory.getLogger(CatalogueListener.class);
  private final ProjectDirectory directory;
  private final DeadLetterPublisher deadLetters;
  private final EventCodec codec = EventCodec.standard();

  CatalogueListener(ProjectDirectory directory, DeadLetterPublisher deadLetters) {
    this.directory = directory;
    this.deadLetters = deadLetters;
  }

  @Topic(Topics.Names.PROJECTS)
  void receive(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      tombstone(record, key);
      return;
    }
    ProjectCatalogued event;
    try {
      event = codec.decode(record.value(), ProjectCatalogued.class);
    } catch (EventDecodingException e) {
      park(record, e.getMessage());
      return;
    }
    try {
      CatalogueEntry entry = CatalogueEntries.from(key, event);
      if (directory.apply(entry)) {
        LOG.info(
            "project {} revision {} by {}: {}",
            entry.name(),
            entry.revision(),
            event.getChangedBy(),
            entry.isRemoved() ? "removed" : entry.project().policies().size() + " policies");
      }
    } catch (UnusableCatalogueEntryException e) {
      // Withdrawn before parking: if parking fails and is retried, the withdrawal already holds,
      // and an older, possibly more permissive revision never takes the unusable one's place. An
      // unusable revision older than the one held changes nothing.
      boolean withdrawn =
          e.withdraws() && !directory.holdsNewerThan(event.getProject(), event.getRevision());
      if (withdrawn) {
        directory.apply(CatalogueEntry.removed(event.getProject(), event.getRevision()));
      }
      park(
          record,
          e.getMessage() + (withdrawn ? "; the project is withdrawn until a usable revision" : ""));
    }
  }

  private void tombstone(ConsumerRecord<byte[], byte[]> record, String key) {
    if (key == null) {
      park(record, "a record without key and value");
      return;
    }
    directory.applyTombstone(key);
    LOG.info("project {} removed by a tombstone", key);
  }

  private void park(ConsumerRecord<byte[], byte[]> record, String reason) {
    LOG.warn(
        "parked record {}-{}@{} of the project catalogue: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    deadLetters.park(record, reason);
  }
}
