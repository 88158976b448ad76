package dev.hallmark.runtime.outbox;

/**
 * How a service turns the outbox on. A service that emits events sets {@code
 * hallmark.outbox.enabled: true}, adds {@code classpath:db/outbox} to its Flyway locations (the
 * table, in the service's own schema) and configures the producer {@code
 * kafka.producers.outbox-relay}.
 *
 * <p>{@code hallmark.outbox.relay: false} keeps the outbox but not its relay: events are written
 * and stay in the table, and the service needs no Kafka producer. For a process that must not
 * publish (audit-service's append benchmark runs the service's code on a scratch database and must
 * not send its checkpoints to a real topic); never for a service in a running stack.
 */
public final class OutboxSettings {
  public static final String ENABLED = "hallmark.outbox.enabled";
  public static final String RELAY = "hallmark.outbox.relay";

  private OutboxSettings() {}
}
