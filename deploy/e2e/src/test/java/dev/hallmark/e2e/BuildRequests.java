package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.testing.StackSession;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CI requests under the demo project's {@code builds} policy, which signs {@code builds/*} with
 * cosign on request only (pushes there are not auto-signed): one request, one signature.
 */
final class BuildRequests {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private BuildRequests() {}

  /** Submits a request for the image; its id. */
  static String submit(StackSession stack, PushedImage image) throws Exception {
    String body =
        """
        {"project": "demo", "signingPolicy": "builds", "methods": ["cosign"],
         "artifacts": [{"repository": "%s/%s", "digest": "%s", "tags": ["1.0"]}]}
        """
            .formatted(image.registry(), image.repository(), image.digest());
    HttpResponse<String> accepted =
        stack.send(
            "POST",
            stack.env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests",
            stack.env("HALLMARK_CI_TOKEN"),
            body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    Matcher matcher = ID.matcher(accepted.body());
    assertThat(matcher.find()).as(accepted.body()).isTrue();
    return matcher.group(1);
  }

  /** intake's JSON of the request, status included. */
  static String status(StackSession stack, String id) throws Exception {
    return stack
        .send(
            "GET",
            stack.env("HALLMARK_INTAKE_URL") + "/api/v1/signing-requests/" + id,
            stack.env("HALLMARK_CI_TOKEN"),
            null)
        .body();
  }
}
