package dev.hallmark.schemas.serde;

/** The bytes decoded to a valid event, but not to the type the caller asked for. */
public final class UnexpectedEventTypeException extends EventDecodingException {

  private static final long serialVersionUID = 1L;

  private final String expectedType;
  private final String actualType;

  UnexpectedEventTypeException(String expectedType, String actualType) {
    super("Expected a " + expectedType + " event but decoded a " + actualType, null);
    this.expectedType = expectedType;
    this.actualType = actualType;
  }

  /** Full name of the requested event class. */
  public String expectedType() {
    return expectedType;
  }

  /** Full schema name of the event actually decoded. */
  public String actualType() {
    return actualType;
  }
}
