package dev.hallmark.runtime.outbox;

/**
 * How a service turns the outbox on. A service that emits events sets {@code
 * hallmark.outbox.enabled: true}, adds {@code classpath:db/outbox} to its Flyway locations (the
 * table, in the service's own schema) and configures the producer {@code
 * kafka.producers.outbox-relay}. Every service with an outbox relays it: no setting keeps the rows
 * in the table (a benchmark that must not publish leaves the relay out of its own context, as
 * deploy/bench-audit does).
 */
public final class OutboxSettings {
  public static final String ENABLED = "hallmark.outbox.enabled";

  private OutboxSettings() {}
}
