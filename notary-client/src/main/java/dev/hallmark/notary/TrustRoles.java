package dev.hallmark.notary;

/** Role names of Notary v1 trust data. */
public final class TrustRoles {
  public static final String ROOT = "root";
  public static final String TIMESTAMP = "timestamp";
  public static final String SNAPSHOT = "snapshot";
  public static final String TARGETS = "targets";

  /** The delegation Docker Content Trust reads tags from, and the one Hallmark signs. */
  public static final String RELEASES = "targets/releases";

  private TrustRoles() {}
}
