package dev.hallmark.intake.auth;

import dev.hallmark.intake.projects.ProjectDirectory;
import dev.hallmark.intake.projects.ProjectDirectory.CiSubmitter;
import dev.hallmark.runtime.http.BearerToken;
import dev.hallmark.runtime.http.NotAuthenticatedException;
import dev.hallmark.runtime.http.TokenHash;
import jakarta.inject.Singleton;

/**
 * Authenticates CI callers by their bearer token against the token hashes of the project directory
 * (projects file and project catalogue).
 */
@Singleton
public final class CiAuthenticator {
  private final ProjectDirectory projects;

  CiAuthenticator(ProjectDirectory projects) {
    this.projects = projects;
  }

  /**
   * @throws NotAuthenticatedException if the header is missing, malformed or names no token
   */
  public CiSubmitter authenticate(String authorizationHeader) {
    String token =
        BearerToken.from(authorizationHeader)
            .orElseThrow(
                () ->
                    new NotAuthenticatedException(
                        "an Authorization: Bearer <CI token> is required"));
    return projects
        .submitterOf(TokenHash.sha256Hex(token))
        .orElseThrow(() -> new NotAuthenticatedException("the CI token is not valid"));
  }
}
