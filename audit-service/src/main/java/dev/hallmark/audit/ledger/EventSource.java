package dev.hallmark.audit.ledger;

/** Where a ledger entry's event was read: Kafka topic, partition and offset. */
public record EventSource(String topic, int partition, long offset) {}
