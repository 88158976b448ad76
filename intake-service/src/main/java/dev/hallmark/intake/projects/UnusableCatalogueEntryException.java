package dev.hallmark.intake.projects;

/**
 * A project catalogue record decodes but cannot be used; the message says why, without token hashes
 * or other values that do not help an operator.
 */
public final class UnusableCatalogueEntryException extends RuntimeException {
  private final boolean withdraws;

  private UnusableCatalogueEntryException(String reason, boolean withdraws) {
    super(reason);
    this.withdraws = withdraws;
  }

  /** The record names its project reliably; that project is withdrawn at the record's revision. */
  static UnusableCatalogueEntryException withdrawing(String reason) {
    return new UnusableCatalogueEntryException(reason, true);
  }

  /** It is not even clear which project the record is about; nothing changes. */
  static UnusableCatalogueEntryException ignored(String reason) {
    return new UnusableCatalogueEntryException(reason, false);
  }

  boolean withdraws() {
    return withdraws;
  }
}
