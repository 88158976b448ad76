package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** A submission that passed validation: every image has a registry, a path and a digest. */
public record NewSigningRequest(
    String project,
    String signingPolicy,
    List<Image> images,
    List<String> methods,
    @Nullable String description,
    @Nullable RequestOrigin origin) {

  /**
   * One image with the tags the request asks to sign. Before {@code ImageResolver} ran, {@code
   * digest} may be null (then the first tag names the image) and {@code recursive} asks to sign the
   * platform manifests of an index too; after it, every image has a digest.
   */
  public record Image(
      String registry,
      String repository,
      @Nullable String digest,
      List<String> tags,
      boolean recursive) {

    public Image(String registry, String repository, String digest, List<String> tags) {
      this(registry, repository, digest, tags, false);
    }
  }

  public NewSigningRequest withImages(List<Image> resolved) {
    return new NewSigningRequest(project, signingPolicy, resolved, methods, description, origin);
  }

  /** The same request with the origin a verified identity token attests, replacing the declared. */
  public NewSigningRequest withOrigin(RequestOrigin verified) {
    return new NewSigningRequest(project, signingPolicy, images, methods, description, verified);
  }
}
