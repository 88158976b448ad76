package dev.hallmark.runtime.messaging;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/** Hands the records of one poll to a listener and says, per partition, how far it got. */
interface Delivery {
  Map<TopicPartition, Progress> deliver(ConsumerRecords<byte[], byte[]> records);
}
