package dev.hallmark.runtime.http;

import dev.hallmark.runtime.http.Problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one request, so a client learns all of them in one answer. */
public final class FieldErrors {
  private final List<FieldProblem> problems = new ArrayList<>();

  public void add(String field, String detail) {
    problems.add(FieldProblem.of(field, detail));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<FieldProblem> asList() {
    return List.copyOf(problems);
  }

  /** Throws when anything was collected. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(asList());
    }
  }
}
