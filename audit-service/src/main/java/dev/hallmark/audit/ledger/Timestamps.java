package dev.hallmark.audit.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants in leaves and checkpoints: RFC 3339 in UTC with exactly three fraction digits ({@code
 * 2026-11-24T10:00:00.000Z}), so one instant has one spelling (events carry milliseconds).
 */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * @throws MalformedLeafException if it is not an instant
   */
  public static Instant parse(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      throw new MalformedLeafException("not an RFC 3339 instant: " + text);
    }
  }
}
