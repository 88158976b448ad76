package dev.hallmark.intake.origin;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.hallmark.intake.request.RequestOrigin;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The origin a verified identity token attests. The origin fields come from the claims GitHub
 * Actions and GitLab CI put into their tokens, each only when present:
 *
 * <table>
 *   <caption>Origin fields from claims</caption>
 *   <tr><th>field</th><th>GitHub Actions</th><th>GitLab CI</th></tr>
 *   <tr><td>repositoryUrl</td><td>{@code repository} as given ({@code acme/app})</td>
 *       <td>{@code project_path} as given ({@code group/app})</td></tr>
 *   <tr><td>ref</td><td>{@code ref} ({@code refs/heads/main})</td><td>{@code ref} ({@code main})</td></tr>
 *   <tr><td>commit</td><td>{@code sha}</td><td>{@code sha}</td></tr>
 *   <tr><td>buildUrl</td>
 *       <td>{@code https://github.com/<repository>/actions/runs/<run_id>[/attempts/<run_attempt>]},
 *           for issuer {@value #GITHUB_ISSUER} only</td>
 *       <td>{@code <iss>/<project_path>/-/jobs/<job_id>}</td></tr>
 * </table>
 *
 * <p>{@code claims} holds the token's string-valued claims (at most {@value #MAX_CLAIMS}, names up
 * to {@value #MAX_NAME} and values up to {@value #MAX_VALUE} characters; others are left out),
 * except {@code jti}: it differs for every token of the same job, and a retried submission with a
 * fresh token is the same submission for its Idempotency-Key. Numeric claims ({@code exp}, {@code
 * iat}) and lists ({@code aud}, which Nimbus always reads as a list) are left out. Claim rules of
 * policies match these values.
 */
final class TokenOrigin {
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  static final int MAX_CLAIMS = 64;
  static final int MAX_NAME = 100;
  static final int MAX_VALUE = 1000;
  static final Set<String> LEFT_OUT = Set.of("jti");

  private TokenOrigin() {}

  static RequestOrigin of(String issuer, JWTClaimsSet token) {
    Map<String, String> claims = strings(token);
    String repository = claims.get("repository");
    String projectPath = claims.get("project_path");
    return RequestOrigin.verified(
        repository != null ? repository : projectPath,
        claims.get("ref"),
        claims.get("sha"),
        buildUrl(issuer, claims),
        issuer,
        claims);
  }

  private static Map<String, String> strings(JWTClaimsSet token) {
    TreeMap<String, String> claims = new TreeMap<>();
    new TreeMap<>(token.getClaims())
        .forEach(
            (name, value) -> {
              if (value instanceof String text
                  && !LEFT_OUT.contains(name)
                  && name.length() <= MAX_NAME
                  && text.length() <= MAX_VALUE
                  && claims.size() < MAX_CLAIMS) {
                claims.put(name, text);
              }
            });
    return claims;
  }

  private static String buildUrl(String issuer, Map<String, String> claims) {
    String repository = claims.get("repository");
    String runId = claims.get("run_id");
    if (GITHUB_ISSUER.equals(issuer) && repository != null && runId != null) {
      String attempt = claims.get("run_attempt");
      return "https://github.com/"
          + repository
          + "/actions/runs/"
          + runId
          + (attempt == null ? "" : "/attempts/" + attempt);
    }
    String projectPath = claims.get("project_path");
    String jobId = claims.get("job_id");
    if (projectPath != null && jobId != null) {
      return issuer + "/" + projectPath + "/-/jobs/" + jobId;
    }
    return null;
  }
}
