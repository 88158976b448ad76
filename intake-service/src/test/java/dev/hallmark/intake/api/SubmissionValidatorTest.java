package dev.hallmark.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.intake.api.SigningRequestSubmission.Artifact;
import dev.hallmark.intake.request.NewSigningRequest;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void validate_completeSubmission_returnsImagesWithRegistrySplitOff() {
    NewSigningRequest request =
        SubmissionValidator.validate(
            new SigningRequestSubmission(
                "demo",
                "default",
                List.of(new Artifact("127.0.0.1:15000/demo/app", DIGEST, List.of("1.0", "1.0"))),
                List.of("COSIGN"),
                "release 1.0",
                null,
                null));

    assertThat(request.images())
        .containsExactly(
            new NewSigningRequest.Image("127.0.0.1:15000", "demo/app", DIGEST, List.of("1.0")));
    assertThat(request.methods()).containsExactly("cosign");
  }

  @Test
  void validate_noMethods_defaultsToCosign() {
    NewSigningRequest request =
        SubmissionValidator.validate(
            new SigningRequestSubmission(
                "demo",
                "default",
                List.of(new Artifact("registry.example/app", DIGEST, null)),
                null,
                null,
                null,
                null));

    assertThat(request.methods()).containsExactly("cosign");
  }

  @Test
  void validate_everythingWrong_namesEveryField() {
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                SubmissionValidator.validate(
                    new SigningRequestSubmission(
                        null,
                        "bad policy!",
                        List.of(new Artifact("App", "sha256:XYZ", List.of("", "ok"))),
                        List.of("gpg"),
                        null,
                        null,
                        null)));

    assertThat(e.problems())
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder(
            "project",
            "signingPolicy",
            "artifacts[0].repository",
            "artifacts[0].digest",
            "artifacts[0].tags[0]",
            "methods[0]");
    assertThat(e.problems())
        .filteredOn(p -> p.field().equals("artifacts[0].digest"))
        .extracting(FieldProblem::pointer)
        .containsExactly("#/artifacts/0/digest");
  }

  @Test
  void validate_noArtifacts_isRejected() {
    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () ->
                SubmissionValidator.validate(
                    new SigningRequestSubmission(
                        "demo", "default", List.of(), null, null, null, null)));

    assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("artifacts");
  }

  @Test
  void validate_blankOrHugeIdentityToken_namesTheFieldWithoutRepeatingIt() {
    for (String token : List.of(" ", "x".repeat(SubmissionValidator.MAX_IDENTITY_TOKEN + 1))) {
      InvalidRequestException e =
          catchThrowableOfType(
              InvalidRequestException.class,
              () ->
                  SubmissionValidator.validate(
                      new SigningRequestSubmission(
                          "demo",
                          "default",
                          List.of(new Artifact("registry.example/app", DIGEST, null)),
                          null,
                          null,
                          null,
                          token)));

      assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("identityToken");
      assertThat(e.problems().get(0).detail()).doesNotContain("xxxx");
    }
  }

  @Test
  void toString_withIdentityToken_leavesTheTokenOut() {
    SigningRequestSubmission submission =
        new SigningRequestSubmission(
            "demo", "default", List.of(), null, null, null, "eyJhbGciOiJSUzI1NiJ9.secret.sig");

    assertThat(submission.toString()).doesNotContain("secret").contains("identityToken=(redacted)");
  }
}
