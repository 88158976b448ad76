package dev.hallmark.policy.approval;

import dev.hallmark.policy.model.Approver;
import dev.hallmark.policy.model.PolicyCatalogue;
import dev.hallmark.policy.model.Project;
import dev.hallmark.runtime.http.BearerToken;
import dev.hallmark.runtime.http.NotAuthenticatedException;
import dev.hallmark.runtime.http.TokenHash;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Authenticates approvers by their bearer token ({@code Authorization: Bearer <token>}, RFC 6750),
 * against the SHA-256 hashes the projects configure. Only the hash is looked up and compared; the
 * token itself is never stored, logged or put into a message. Tokens are long random strings, so a
 * plain hash suffices, and looking a hash up leaks nothing about the token through timing.
 */
@Singleton
public final class ApproverAuthenticator {
  private final PolicyCatalogue catalogue;

  ApproverAuthenticator(PolicyCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /**
   * @throws NotAuthenticatedException if the header is missing or malformed, or the token is no
   *     approver's
   */
  public ApproverIdentity authenticate(@Nullable String authorization) {
    String token =
        BearerToken.from(authorization)
            .orElseThrow(
                () ->
                    new NotAuthenticatedException(
                        "an Authorization: Bearer <approver token> is required"));
    String hash = TokenHash.sha256Hex(token);
    Map<String, Approver> byProject = new LinkedHashMap<>();
    for (Project project : catalogue.projects()) {
      project
          .approverByTokenSha256(hash)
          .ifPresent(approver -> byProject.put(project.name(), approver));
    }
    if (byProject.isEmpty()) {
      throw new NotAuthenticatedException("the approver token is not valid");
    }
    return new ApproverIdentity(byProject);
  }
}
