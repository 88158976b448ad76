package dev.hallmark.intake.request;

import dev.hallmark.intake.api.SigningRequestSubmission;
import io.micronaut.core.annotation.Nullable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where the image of a request was built: declared by the submitter ({@code verified} false), or
 * taken from a verified identity token of the CI system (then {@code issuer} and {@code claims} are
 * the token's). Never holds the token itself.
 *
 * @param claims the token's string claims, sorted by name so that equal origins have equal string
 *     forms (the idempotency key compares submissions by them)
 */
public record RequestOrigin(
    @Nullable String repositoryUrl,
    @Nullable String ref,
    @Nullable String commit,
    @Nullable String buildUrl,
    boolean verified,
    @Nullable String issuer,
    SortedMap<String, String> claims) {

  public RequestOrigin {
    claims = Collections.unmodifiableSortedMap(new TreeMap<>(claims));
  }

  /** What the submitter says, unchecked. */
  public static RequestOrigin declared(SigningRequestSubmission.Origin origin) {
    return new RequestOrigin(
        origin.repositoryUrl(),
        origin.ref(),
        origin.commit(),
        origin.buildUrl(),
        false,
        null,
        new TreeMap<>());
  }

  /** Taken from a verified identity token of {@code issuer}. */
  public static RequestOrigin verified(
      @Nullable String repositoryUrl,
      @Nullable String ref,
      @Nullable String commit,
      @Nullable String buildUrl,
      String issuer,
      Map<String, String> claims) {
    return new RequestOrigin(
        repositoryUrl, ref, commit, buildUrl, true, issuer, new TreeMap<>(claims));
  }
}
