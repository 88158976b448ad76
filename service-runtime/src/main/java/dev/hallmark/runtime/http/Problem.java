package dev.hallmark.runtime.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * <p>{@code errors} is the extension member suggested by RFC 9457 section 3 for validation
 * problems: one entry per offending field, each naming it both as a dotted path and as a JSON
 * pointer into the request body.
 */
@Serdeable
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    List<FieldProblem> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field of a request. */
  @Serdeable
  public record FieldProblem(String field, String pointer, String detail) {

    public static FieldProblem of(String field, String detail) {
      return new FieldProblem(field, toPointer(field), detail);
    }

    /** {@code artifacts[0].digest} becomes {@code #/artifacts/0/digest}. */
    public static String toPointer(String field) {
      return "#/" + field.replace("[", "/").replace("]", "").replace('.', '/');
    }
  }
}
