package dev.hallmark.runtime.http;

import dev.hallmark.runtime.http.Problem.FieldProblem;
import java.util.List;

/** A request whose fields break the API contract; answered 400 with one entry per field. */
public final class InvalidRequestException extends RuntimeException {
  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super("invalid request: " + problems.size() + " field(s)");
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
