package dev.hallmark.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.runtime.http.Problem.FieldProblem;
import io.micronaut.http.server.exceptions.response.Error;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemResponseProcessorTest {

  @Test
  void fieldOf_unknownPropertyMessage_namesTheJsonProperty() {
    Optional<FieldProblem> field =
        ProblemResponseProcessor.fieldOf(
            error(
                "/submission",
                "Failed to convert argument [submission] for value [null] due to: Unknown"
                    + " property [signingPolcy] encountered during deserialization of type: X"));

    assertThat(field).map(FieldProblem::field).hasValue("signingPolcy");
    assertThat(field).map(FieldProblem::detail).hasValue("unknown property");
  }

  @Test
  void fieldOf_pathOfJavaArgument_isNoField() {
    assertThat(ProblemResponseProcessor.fieldOf(error("/submission", "Required body"))).isEmpty();
  }

  @Test
  void fieldOf_namedQueryParameter_isThatField() {
    assertThat(ProblemResponseProcessor.fieldOf(error("after", "must be a number")))
        .map(FieldProblem::field)
        .hasValue("after");
  }

  @Test
  void toPointer_indexedField_isJsonPointerFragment() {
    assertThat(FieldProblem.toPointer("artifacts[2].tags[0]")).isEqualTo("#/artifacts/2/tags/0");
  }

  private static Error error(String path, String message) {
    return new Error() {
      @Override
      public Optional<String> getPath() {
        return Optional.ofNullable(path);
      }

      @Override
      public String getMessage() {
        return message;
      }
    };
  }
}
