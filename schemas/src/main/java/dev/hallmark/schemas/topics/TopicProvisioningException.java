package dev.hallmark.schemas.topics;

/** A catalogue topic could not be created or confirmed. */
public final class TopicProvisioningException extends RuntimeException {
  private final String topic;

  public TopicProvisioningException(String topic, Throwable cause) {
    super("could not create topic " + topic + ": " + cause.getMessage(), cause);
    this.topic = topic;
  }

  public String topic() {
    return topic;
  }
}
