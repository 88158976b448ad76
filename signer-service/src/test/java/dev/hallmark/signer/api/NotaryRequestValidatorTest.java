package dev.hallmark.signer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.notary.ReleasesDocuments;
import dev.hallmark.notary.Target;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem.FieldProblem;
import dev.hallmark.signer.notary.NotaryProposal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request contract of {@code POST /api/v1/notary/signatures}: every problem names its field.
 */
class NotaryRequestValidatorTest {
  static final String REQUEST = "0b7d3f0e-5a4e-4c55-9f0b-2a4f7a0e6c11";
  static final String GUN = "registry.example:5000/team/app";

  static final byte[] CANONICAL =
      CanonicalJson.encode(
          ReleasesDocuments.next(
              Optional.empty(),
              Map.of("1.0", Target.ofManifest("sha256:" + "ab".repeat(32), 528)),
              Instant.parse("2027-01-01T00:00:00Z")));

  @Test
  void validate_canonicalProposal_returnsItParsed() {
    NotaryProposal proposal = NotaryRequestValidator.validate(request(REQUEST, GUN, CANONICAL));

    assertThat(proposal.requestId()).isEqualTo(UUID.fromString(REQUEST));
    assertThat(proposal.registry()).isEqualTo("registry.example:5000");
    assertThat(proposal.repository()).isEqualTo("team/app");
    assertThat(proposal.gun()).isEqualTo(GUN);
    assertThat(proposal.signed()).containsEntry("version", 1L).containsEntry("_type", "Targets");
    assertThat(CanonicalJson.encode(proposal.signed())).isEqualTo(CANONICAL);
  }

  @Test
  void validate_nothingGiven_namesEveryField() {
    InvalidRequestException e = invalid(new NotarySigningRequest(null, null, null));

    assertThat(e.problems())
        .extracting(FieldProblem::field, FieldProblem::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("requestId", "is required"),
            org.assertj.core.groups.Tuple.tuple("gun", "is required"),
            org.assertj.core.groups.Tuple.tuple("signed", "is required"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nope", "1-1-1-1-1", "0b7d3f0e5a4e4c559f0b2a4f7a0e6c11", " "})
  void validate_requestIdNotAUuid_namesRequestId(String requestId) {
    assertThat(fields(invalid(request(requestId, GUN, CANONICAL)))).containsExactly("requestId");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "registry.example:5000",
        "registry.example:5000/team/app:1.0",
        "registry.example:5000/team/app@sha256:" + "ab",
        "registry.example:5000/Team/App",
        "registry.example:5000/team//app",
        "https://registry.example/team/app"
      })
  void validate_malformedGun_namesGun(String gun) {
    assertThat(fields(invalid(request(REQUEST, gun, CANONICAL)))).containsExactly("gun");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "e30=\n", "e3 0=", "e30=="})
  void validate_signedNotBase64_namesSigned(String signed) {
    InvalidRequestException e = invalid(new NotarySigningRequest(REQUEST, GUN, signed));

    assertThat(fields(e)).containsExactly("signed");
    assertThat(e.problems().get(0).detail()).startsWith("must be base64");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "\"Targets\"",
        "not json",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":1,\"a\":1}",
        "{\"a\":1",
        "{\"a\":99999999999999999999}",
        ""
      })
  void validate_signedNotOneJsonObject_namesSigned(String json) {
    InvalidRequestException e = invalid(request(REQUEST, GUN, utf8(json)));

    assertThat(fields(e)).containsExactly("signed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"b\":1,\"a\":2}",
        "{\"a\": 1}",
        "{\"a\":1}\n",
        "{\"a\":1.5}",
        "{\"a\":1e3}",
        "{\"a\":\"\\u0041\"}",
        "{\"a\":\"\\/\"}"
      })
  void validate_signedNotCanonical_namesSigned(String json) {
    InvalidRequestException e = invalid(request(REQUEST, GUN, utf8(json)));

    assertThat(fields(e)).containsExactly("signed");
    assertThat(e.problems().get(0).detail()).startsWith("must be canonical JSON");
  }

  @Test
  void validate_severalProblems_reportsAllAtOnce() {
    InvalidRequestException e =
        invalid(new NotarySigningRequest("nope", "team/app:1.0", "not base64!"));

    assertThat(fields(e)).containsExactly("requestId", "gun", "signed");
  }

  private static NotarySigningRequest request(String requestId, String gun, byte[] signed) {
    return new NotarySigningRequest(requestId, gun, Base64.getEncoder().encodeToString(signed));
  }

  private static InvalidRequestException invalid(NotarySigningRequest request) {
    return catchThrowableOfType(
        InvalidRequestException.class, () -> NotaryRequestValidator.validate(request));
  }

  private static java.util.List<String> fields(InvalidRequestException e) {
    assertThat(e).as("refused").isNotNull();
    return e.problems().stream().map(FieldProblem::field).toList();
  }

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
