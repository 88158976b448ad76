package dev.hallmark.intake.origin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.hallmark.intake.request.RequestOrigin;
import java.util.Date;
import org.junit.jupiter.api.Test;

class TokenOriginTest {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void of_githubToken_mapsRepositoryRefShaAndRunUrl() {
    JWTClaimsSet token =
        new JWTClaimsSet.Builder()
            .issuer(TokenOrigin.GITHUB_ISSUER)
            .audience("hallmark")
            .jwtID("4f1c")
            .expirationTime(new Date())
            .claim("repository", "acme/app")
            .claim("ref", "refs/tags/v1.0")
            .claim("sha", SHA)
            .claim("run_id", "4711")
            .claim("run_attempt", "2")
            .build();

    RequestOrigin origin = TokenOrigin.of(TokenOrigin.GITHUB_ISSUER, token);

    assertThat(origin.verified()).isTrue();
    assertThat(origin.issuer()).isEqualTo(TokenOrigin.GITHUB_ISSUER);
    assertThat(origin.repositoryUrl()).isEqualTo("acme/app");
    assertThat(origin.ref()).isEqualTo("refs/tags/v1.0");
    assertThat(origin.commit()).isEqualTo(SHA);
    assertThat(origin.buildUrl())
        .isEqualTo("https://github.com/acme/app/actions/runs/4711/attempts/2");
    assertThat(origin.claims())
        .containsOnlyKeys("iss", "repository", "ref", "sha", "run_id", "run_attempt");
  }

  @Test
  void of_gitlabToken_mapsProjectPathAndJobUrl() {
    JWTClaimsSet token =
        new JWTClaimsSet.Builder()
            .issuer("https://gitlab.example.com")
            .claim("project_path", "group/app")
            .claim("ref", "main")
            .claim("ref_type", "branch")
            .claim("sha", SHA)
            .claim("job_id", "99")
            .build();

    RequestOrigin origin = TokenOrigin.of("https://gitlab.example.com", token);

    assertThat(origin.repositoryUrl()).isEqualTo("group/app");
    assertThat(origin.ref()).isEqualTo("main");
    assertThat(origin.buildUrl()).isEqualTo("https://gitlab.example.com/group/app/-/jobs/99");
    assertThat(origin.claims()).containsEntry("ref_type", "branch");
  }

  @Test
  void of_runIdFromAnotherIssuer_makesNoGithubUrl() {
    JWTClaimsSet token =
        new JWTClaimsSet.Builder()
            .issuer("https://ci.example")
            .claim("repository", "acme/app")
            .claim("run_id", "4711")
            .build();

    assertThat(TokenOrigin.of("https://ci.example", token).buildUrl()).isNull();
  }

  @Test
  void of_manyOrLongClaims_keepsABoundedSortedSet() {
    JWTClaimsSet.Builder builder =
        new JWTClaimsSet.Builder()
            .claim("long", "x".repeat(TokenOrigin.MAX_VALUE + 1))
            .claim("n".repeat(TokenOrigin.MAX_NAME + 1), "v");
    for (int i = 0; i < 2 * TokenOrigin.MAX_CLAIMS; i++) {
      builder.claim("c%03d".formatted(i), "v" + i);
    }

    RequestOrigin origin = TokenOrigin.of("https://ci.example", builder.build());

    assertThat(origin.claims()).hasSize(TokenOrigin.MAX_CLAIMS).doesNotContainKey("long");
    assertThat(origin.claims().firstKey()).isEqualTo("c000");
  }
}
