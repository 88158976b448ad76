package dev.hallmark.schemas.topics;

/**
 * What the broker does with a topic's old records (Kafka topic configuration {@code
 * cleanup.policy}).
 */
public enum CleanupPolicy {
  /** Records are deleted after the retention time: event streams, read once by each consumer. */
  DELETE("delete"),

  /**
   * Only the latest record per key is kept, for good: a table as a topic, which a new reader reads
   * from the beginning to know every key's current value.
   */
  COMPACT("compact");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the topic configuration {@code cleanup.policy}. */
  public String configValue() {
    return configValue;
  }
}
