package dev.hallmark.intake.api;

import dev.hallmark.intake.api.SigningRequestSubmission.Artifact;
import dev.hallmark.intake.oci.ImageDigest;
import dev.hallmark.intake.oci.ImageTag;
import dev.hallmark.intake.oci.RepositoryName;
import dev.hallmark.intake.request.NewSigningRequest;
import dev.hallmark.intake.request.NewSigningRequest.Image;
import dev.hallmark.intake.request.RequestOrigin;
import dev.hallmark.runtime.http.FieldErrors;
import dev.hallmark.runtime.http.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a submission against the API contract and turns it into a {@link NewSigningRequest}. */
public final class SubmissionValidator {
  static final int MAX_ARTIFACTS = 100;
  static final int MAX_TAGS = 50;
  static final int MAX_DESCRIPTION = 4000;

  /** CI identity tokens are one to two kilobytes; anything near this is not one. */
  static final int MAX_IDENTITY_TOKEN = 16 * 1024;

  static final Set<String> METHODS = Set.of("cosign", "notary", "notation");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private SubmissionValidator() {}

  /**
   * @throws InvalidRequestException naming every invalid field
   */
  public static NewSigningRequest validate(SigningRequestSubmission submission) {
    FieldErrors errors = new FieldErrors();
    requireName(errors, "project", submission.project());
    requireName(errors, "signingPolicy", submission.signingPolicy());
    List<Image> images = images(errors, submission.artifacts());
    List<String> methods = methods(errors, submission.methods());
    if (submission.description() != null && submission.description().length() > MAX_DESCRIPTION) {
      errors.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
    String token = submission.identityToken();
    if (token != null && (token.isBlank() || token.length() > MAX_IDENTITY_TOKEN)) {
      // The token is a credential: the answer describes it, never repeats it.
      errors.add("identityToken", "must be 1 to " + MAX_IDENTITY_TOKEN + " characters");
    }
    errors.throwIfAny();
    return new NewSigningRequest(
        submission.project(),
        submission.signingPolicy(),
        images,
        methods,
        submission.description(),
        submission.origin() == null ? null : RequestOrigin.declared(submission.origin()));
  }

  private static void requireName(FieldErrors errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(field, "is required");
    } else if (!NAME.matcher(value).matches()) {
      errors.add(field, "must match " + NAME.pattern());
    }
  }

  private static List<Image> images(FieldErrors errors, List<Artifact> artifacts) {
    if (artifacts == null || artifacts.isEmpty()) {
      errors.add("artifacts", "at least one artifact is required");
      return List.of();
    }
    if (artifacts.size() > MAX_ARTIFACTS) {
      errors.add("artifacts", "at most " + MAX_ARTIFACTS + " artifacts per request");
      return List.of();
    }
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < artifacts.size(); i++) {
      Image image = image(errors, "artifacts[" + i + "]", artifacts.get(i));
      if (image != null) {
        images.add(image);
      }
    }
    return images;
  }

  private static Image image(FieldErrors errors, String field, Artifact artifact) {
    if (artifact == null) {
      errors.add(field, "must be an object");
      return null;
    }
    var repository = RepositoryName.parse(artifact.repository());
    if (repository.isEmpty()) {
      errors.add(
          field + ".repository",
          "must be a repository name with registry host, e.g. registry.example:5000/team/app");
    }
    List<String> tags = artifact.tags() == null ? List.of() : artifact.tags();
    if (artifact.digest() == null && tags.isEmpty()) {
      errors.add(field + ".digest", "is required unless a tag names the image");
    } else if (artifact.digest() != null && !ImageDigest.isValid(artifact.digest())) {
      errors.add(field + ".digest", "must be sha256:<64 lower-case hex>");
    }
    if (tags.size() > MAX_TAGS) {
      errors.add(field + ".tags", "at most " + MAX_TAGS + " tags");
    }
    for (int t = 0; t < tags.size(); t++) {
      if (!ImageTag.isValid(tags.get(t))) {
        errors.add(field + ".tags[" + t + "]", "must match [\\w][\\w.-]{0,127}");
      }
    }
    boolean digestOk = artifact.digest() == null || ImageDigest.isValid(artifact.digest());
    if (repository.isEmpty() || !digestOk || (artifact.digest() == null && tags.isEmpty())) {
      return null;
    }
    return new Image(
        repository.get().registry(),
        repository.get().path(),
        artifact.digest(),
        List.copyOf(new LinkedHashSet<>(tags)),
        Boolean.TRUE.equals(artifact.recursive()));
  }

  private static List<String> methods(FieldErrors errors, List<String> methods) {
    if (methods == null || methods.isEmpty()) {
      return List.of("cosign");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (int i = 0; i < methods.size(); i++) {
      String method = methods.get(i) == null ? "" : methods.get(i).toLowerCase(Locale.ROOT);
      if (!METHODS.contains(method)) {
        errors.add("methods[" + i + "]", "must be one of " + METHODS);
      }
      unique.add(method);
    }
    return List.copyOf(unique);
  }
}
