package dev.hallmark.schemas.serde;

/**
 * Bytes could not be decoded into a Hallmark event. Subclasses name the failure mode; no message
 * ever contains the payload bytes or values decoded from them.
 */
public abstract class EventDecodingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
