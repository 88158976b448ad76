package dev.hallmark.intake.request;

import dev.hallmark.intake.api.SigningRequestSubmission.Origin;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** A submission that passed validation: every image has a registry, a path and a digest. */
public record NewSigningRequest(
    String project,
    String signingPolicy,
    List<Image> images,
    List<String> methods,
    @Nullable String description,
    @Nullable Origin origin) {

  /** One image by digest, with the tags the request asks to sign. */
  public record Image(String registry, String repository, String digest, List<String> tags) {}
}
