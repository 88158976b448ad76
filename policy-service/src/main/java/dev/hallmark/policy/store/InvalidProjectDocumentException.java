package dev.hallmark.policy.store;

import java.util.List;

/** A project document breaks the policy rules; each problem is {@code <field>: <what is wrong>}. */
public final class InvalidProjectDocumentException extends RuntimeException {
  private final List<String> problems;

  InvalidProjectDocumentException(List<String> problems) {
    super("invalid project document: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
