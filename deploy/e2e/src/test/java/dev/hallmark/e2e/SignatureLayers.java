package dev.hallmark.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How many signatures an image's cosign {@code .sig} manifest holds: one layer per signature, so a
 * publication made twice shows as two layers (cosign appends, it does not replace).
 */
final class SignatureLayers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SignatureLayers() {}

  /** The layer count of the image's {@code .sig} manifest; 0 when there is none. */
  static int count(PushedImage image) throws Exception {
    String tag = image.digest().replace(':', '-') + ".sig";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + image.registry()
                        + "/v2/"
                        + image.repository()
                        + "/manifests/"
                        + tag))
            .header("Accept", CosignVerifier.OCI_MANIFEST)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return 0;
    }
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET "
              + image.registry()
              + "/"
              + image.repository()
              + ":"
              + tag
              + " answered "
              + response.statusCode());
    }
    JsonNode layers = JSON.readTree(response.body()).path("layers");
    return layers.size();
  }
}
