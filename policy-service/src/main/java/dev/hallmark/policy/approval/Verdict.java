package dev.hallmark.policy.approval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an approver says about a pending request. One rejection denies it. */
public enum Verdict {
  APPROVE,
  REJECT;

  /** The API's spelling: {@code approve}, {@code reject}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The verdict the API names, exactly as {@link #apiName()} spells it. */
  public static Optional<Verdict> fromApiName(String name) {
    return Arrays.stream(values()).filter(verdict -> verdict.apiName().equals(name)).findFirst();
  }
}
