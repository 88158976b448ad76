package dev.hallmark.runtime.messaging;

/**
 * Thrown by a listener for an event that no retry can make usable (it does not authenticate, it
 * contradicts the catalogue, ...): the record is parked on the service's dead-letter topic at once,
 * with this message as its reason. The message must name no secret and no payload. Any other
 * exception a listener throws is taken as transient and retried.
 */
public class UnusableEventException extends RuntimeException {
  public UnusableEventException(String reason) {
    super(reason);
  }
}
