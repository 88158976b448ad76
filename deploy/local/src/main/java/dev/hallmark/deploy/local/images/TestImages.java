package dev.hallmark.deploy.local.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.deploy.local.infrastructure.TempDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real, minimal container images in a registry, for tests and the stack's demo: an OCI image layout
 * is built in a temporary directory ({@link OciLayout}: one random small tar.gz layer and a config
 * per platform) and pushed with {@code skopeo copy} ({@link Skopeo}). The digest returned is the
 * one the registry reports ({@code Docker-Content-Digest} of a HEAD), never one computed locally: a
 * push may rewrite a manifest.
 */
public final class TestImages {
  private static final String ACCEPT =
      String.join(
          ", ",
          OciLayout.OCI_MANIFEST,
          OciLayout.OCI_INDEX,
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private TestImages() {}

  /** An image pushed by tag, with the digest the registry reports. */
  public record PushedImage(String registry, String repository, String tag, String digest) {
    /** {@code <registry>/<repository>@<digest>}. */
    public String reference() {
      return registry + "/" + repository + "@" + digest;
    }
  }

  /**
   * A multi-platform image pushed by tag: the index digest and, per platform ({@code linux/amd64},
   * {@code linux/arm64}), the platform manifest digest, all as the registry reports them.
   */
  public record PushedIndex(
      String registry,
      String repository,
      String tag,
      String indexDigest,
      Map<String, String> platformDigests) {
    public PushedIndex {
      platformDigests = Map.copyOf(platformDigests);
    }
  }

  /** Builds a one-layer linux/amd64 OCI image and pushes it to {@code registry/repository:tag}. */
  public static PushedImage push(String registry, String repository, String tag) {
    Path dir = tempDir();
    try {
      OciLayout.writeImage(dir, tag);
      Skopeo.copy(dir, tag, registry, repository, false);
      return new PushedImage(registry, repository, tag, registryDigest(registry, repository, tag));
    } finally {
      TempDirectories.deleteTree(dir);
    }
  }

  /**
   * Builds an OCI image index of two images (linux/amd64, linux/arm64) and pushes it with all its
   * platforms ({@code skopeo copy --all}).
   */
  public static PushedIndex pushIndex(String registry, String repository, String tag) {
    Path dir = tempDir();
    try {
      OciLayout.writeIndex(dir, tag, List.of("amd64", "arm64"));
      Skopeo.copy(dir, tag, registry, repository, true);
      String indexDigest = registryDigest(registry, repository, tag);
      JsonNode index = JSON.readTree(getManifest(registry, repository, indexDigest));
      Map<String, String> platforms = new LinkedHashMap<>();
      for (JsonNode manifest : index.path("manifests")) {
        JsonNode platform = manifest.path("platform");
        platforms.put(
            platform.path("os").asText() + "/" + platform.path("architecture").asText(),
            manifest.path("digest").asText());
      }
      return new PushedIndex(registry, repository, tag, indexDigest, platforms);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read back the index of " + repository, e);
    } finally {
      TempDirectories.deleteTree(dir);
    }
  }

  /**
   * The manifest's size in bytes as the registry serves it ({@code Content-Length} of a HEAD): the
   * {@code length} a Notary target of the image must have.
   */
  public static long manifestSize(PushedImage image) {
    HttpResponse<Void> response =
        send(
            image.registry(),
            image.repository(),
            image.digest(),
            "HEAD",
            HttpResponse.BodyHandlers.discarding());
    Optional<String> length = response.headers().firstValue("Content-Length");
    if (response.statusCode() != 200 || length.isEmpty()) {
      throw new IllegalStateException(
          "HEAD " + image.reference() + " answered " + response.statusCode() + " without a length");
    }
    return Long.parseLong(length.get());
  }

  /** The {@code Docker-Content-Digest} the registry answers a HEAD of the manifest with. */
  public static String registryDigest(String registry, String repository, String reference) {
    HttpResponse<Void> response =
        send(registry, repository, reference, "HEAD", HttpResponse.BodyHandlers.discarding());
    Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
    if (response.statusCode() != 200 || digest.isEmpty()) {
      throw new IllegalStateException(
          "HEAD "
              + registry
              + "/"
              + repository
              + ":"
              + reference
              + " answered "
              + response.statusCode()
              + " without a digest");
    }
    return digest.get();
  }

  private static byte[] getManifest(String registry, String repository, String reference) {
    HttpResponse<byte[]> response =
        send(registry, repository, reference, "GET", HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET manifest " + reference + " answered " + response.statusCode());
    }
    if (!OciLayout.sha256(response.body()).equals(reference)) {
      throw new IllegalStateException("manifest " + reference + " does not match its digest");
    }
    return response.body();
  }

  private static <T> HttpResponse<T> send(
      String registry,
      String repository,
      String reference,
      String method,
      HttpResponse.BodyHandler<T> handler) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference))
            .timeout(Duration.ofSeconds(15))
            .header("Accept", ACCEPT)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return HTTP.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException("registry " + registry + " unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("hallmark-image-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory", e);
    }
  }
}
