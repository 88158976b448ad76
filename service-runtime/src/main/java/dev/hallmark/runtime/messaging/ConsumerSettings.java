package dev.hallmark.runtime.messaging;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * The consumer settings of {@code hallmark.kafka.*} besides retries (docs/operations.md). Broker
 * addresses and client security come from Micronaut's {@code kafka.*}, which the producers use too.
 */
@Singleton
public class ConsumerSettings {
  private final Duration sessionTimeout;
  private final Optional<String> instanceId;

  /**
   * @param sessionTimeout {@code hallmark.kafka.consumer.session-timeout} (10s): how long the group
   *     waits for a member that stopped heartbeating (killed) before its partitions move
   * @param instanceId {@code hallmark.kafka.instance-id} (env {@code HALLMARK_INSTANCE_ID}): a name
   *     of this instance that stays the same across restarts; when set, the consumers are static
   *     members ({@code group.instance.id = <group>-<instance id>}) and a restarted instance takes
   *     its partitions back at once. Two running instances must never share one.
   */
  public ConsumerSettings(
      @Value("${hallmark.kafka.consumer.session-timeout:10s}") Duration sessionTimeout,
      @Value("${hallmark.kafka.instance-id:}") String instanceId) {
    this.sessionTimeout = sessionTimeout;
    this.instanceId =
        instanceId == null || instanceId.isBlank() ? Optional.empty() : Optional.of(instanceId);
  }

  public Duration sessionTimeout() {
    return sessionTimeout;
  }

  public Optional<String> instanceId() {
    return instanceId;
  }
}
