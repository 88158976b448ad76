package dev.hallmark.intake.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of {@code POST /api/v1/signing-requests}. Every field is nullable here so that a missing
 * field is reported by {@link SubmissionValidator} by name, together with all other problems.
 *
 * <p>{@code identityToken} is the CI system's OIDC ID token (GitHub Actions, GitLab CI). It is a
 * bearer credential: it is verified and dropped, never stored, logged or put into an event, and
 * {@link #toString()} leaves it out.
 */
@Serdeable
public record SigningRequestSubmission(
    @Nullable String project,
    @Nullable String signingPolicy,
    @Nullable List<Artifact> artifacts,
    @Nullable List<String> methods,
    @Nullable String description,
    @Nullable Origin origin,
    @Nullable String identityToken) {

  @Override
  public String toString() {
    return "SigningRequestSubmission[project="
        + project
        + ", signingPolicy="
        + signingPolicy
        + ", artifacts="
        + artifacts
        + ", methods="
        + methods
        + ", description="
        + description
        + ", origin="
        + origin
        + ", identityToken="
        + (identityToken == null ? "null" : "(redacted)")
        + "]";
  }

  /**
   * One image to sign: repository with registry host, manifest digest (or a tag to resolve), tags
   * to sign; {@code recursive} also signs every platform manifest of an image index.
   */
  @Serdeable
  public record Artifact(
      @Nullable String repository,
      @Nullable String digest,
      @Nullable List<String> tags,
      @Nullable Boolean recursive) {

    public Artifact(String repository, String digest, List<String> tags) {
      this(repository, digest, tags, null);
    }
  }

  /** Where the CI system says the image was built; unverified unless a policy verifies it. */
  @Serdeable
  public record Origin(
      @Nullable String repositoryUrl,
      @Nullable String ref,
      @Nullable String commit,
      @Nullable String buildUrl) {}
}
