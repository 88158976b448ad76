package dev.hallmark.policy.store;

/** Who owns a project's rules. */
public enum ProjectSource {
  /** The policy-as-code file: imported at start, changed only in the file (and so in git). */
  POLICY_AS_CODE("policy-as-code"),
  /** The admin API. */
  API("api");

  private final String column;

  ProjectSource(String column) {
    this.column = column;
  }

  /** The value of the {@code source} column. */
  public String column() {
    return column;
  }

  static ProjectSource ofColumn(String column) {
    for (ProjectSource source : values()) {
      if (source.column.equals(column)) {
        return source;
      }
    }
    throw new IllegalArgumentException("unknown project source " + column);
  }
}
