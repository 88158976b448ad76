package dev.hallmark.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {
  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

  private final FakeRegistry registry = new FakeRegistry();

  @AfterEach
  void stop() {
    registry.close();
  }

  private RegistryClient client() {
    return RegistryClient.builder().retryPolicy(FAST).build();
  }

  private RegistryClient client(String username, String password) {
    return RegistryClient.builder()
        .retryPolicy(FAST)
        .credentials(
            RegistryCredentials.of(
                Map.of(
                    registry.hostPort(), new RegistryCredentials.Credential(username, password))))
        .build();
  }

  /** Uploads config and one layer and returns an OCI manifest referencing them. */
  private byte[] imageManifest(RegistryClient client, RepositoryRef repo) {
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "layer bytes".getBytes(StandardCharsets.UTF_8);
    String configDigest = client.uploadBlob(repo, config);
    String layerDigest = client.uploadBlob(repo, layer);
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\""
            + MediaTypes.OCI_CONFIG
            + "\",\"digest\":\""
            + configDigest
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
            + layerDigest
            + "\",\"size\":"
            + layer.length
            + "}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void uploadBlob_relativeLocation_blobExistsAndReadsBackVerified() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");
    byte[] content = "payload".getBytes(StandardCharsets.UTF_8);

    String digest = client.uploadBlob(repo, content);

    assertThat(digest).isEqualTo(Digests.sha256(content));
    assertThat(client.blobExists(repo, digest)).isTrue();
    assertThat(client.getBlob(repo, digest)).isEqualTo(content);
    assertThat(client.blobExists(repo, Digests.sha256(new byte[] {1}))).isFalse();
    assertThat(registry.requests)
        .anyMatch(r -> r.startsWith("PUT /v2/demo/app/blobs/uploads/"))
        .anyMatch(r -> r.equals("POST /v2/demo/app/blobs/uploads/"));
  }

  @Test
  void putManifest_thenResolveAndGet_sameDigestMediaTypeAndSize() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");
    byte[] manifest = imageManifest(client, repo);

    String digest = client.putManifest(repo, "1.0", MediaTypes.OCI_MANIFEST, manifest);

    assertThat(digest).isEqualTo(Digests.sha256(manifest));
    assertThat(client.resolve(repo, "1.0"))
        .isEqualTo(new ManifestDescriptor(digest, MediaTypes.OCI_MANIFEST, manifest.length));
    Manifest fetched = client.getManifest(repo, "1.0");
    assertThat(fetched.digest()).isEqualTo(digest);
    assertThat(fetched.content()).isEqualTo(manifest);
    assertThat(client.getManifest(repo, digest).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void getManifest_missing_throwsManifestNotFoundAndFindIsEmpty() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");

    ManifestNotFoundException e =
        catchThrowableOfType(
            ManifestNotFoundException.class, () -> client.getManifest(repo, "nope"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.registry()).isEqualTo(registry.hostPort());
    assertThat(e.repository()).isEqualTo("demo/app");
    assertThat(client.findManifest(repo, "nope")).isEmpty();
    assertThatThrownBy(() -> client.resolve(repo, "nope"))
        .isInstanceOf(ManifestNotFoundException.class);
  }

  @Test
  void getManifest_digestHeaderDisagreesWithBody_throwsDigestMismatch() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");
    client.putManifest(repo, "1.0", MediaTypes.OCI_MANIFEST, imageManifest(client, repo));
    registry.lyingDigestHeader = "sha256:" + "0".repeat(64);

    assertThatThrownBy(() -> client.getManifest(repo, "1.0"))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void resolve_noDigestHeader_fallsBackToGetAndHashesBody() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");
    byte[] manifest = imageManifest(client, repo);
    client.putManifest(repo, "1.0", MediaTypes.OCI_MANIFEST, manifest);
    registry.omitDigestHeader = true;

    ManifestDescriptor resolved = client.resolve(repo, "1.0");

    assertThat(resolved.digest()).isEqualTo(Digests.sha256(manifest));
    assertThat(registry.requests).contains("GET /v2/demo/app/manifests/1.0");
  }

  @Test
  void getBlob_contentDoesNotMatchDigest_throwsDigestMismatch() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");
    String digest = client.uploadBlob(repo, "original".getBytes(StandardCharsets.UTF_8));
    registry.corruptBlob = "tampered".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> client.getBlob(repo, digest))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void putManifest_missingBlob_throwsRequestExceptionWithErrorCode() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");
    byte[] manifest =
        ("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + "a".repeat(64) + "\"}}")
            .getBytes(StandardCharsets.UTF_8);

    RegistryRequestException e =
        catchThrowableOfType(
            RegistryRequestException.class,
            () -> client.putManifest(repo, "x", MediaTypes.OCI_MANIFEST, manifest));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void bearerChallenge_fetchesTokenWithCredentialsAndScope_thenReusesIt() {
    registry.auth = FakeRegistry.Auth.BEARER;
    RegistryClient client = client("ci", "s3cret-pass");
    RepositoryRef repo = registry.repo("team/app");
    byte[] content = "payload".getBytes(StandardCharsets.UTF_8);

    String digest = client.uploadBlob(repo, content);
    assertThat(client.getBlob(repo, digest)).isEqualTo(content);
    assertThat(client.getBlob(repo, digest)).isEqualTo(content);
    client.uploadBlob(repo, "second".getBytes(StandardCharsets.UTF_8));

    assertThat(registry.tokenRequests)
        .containsExactly("repository:team/app:pull,push", "repository:team/app:pull");
    assertThat(registry.authorizations).allMatch(a -> a.isEmpty() || a.startsWith("Bearer tok-"));
  }

  @Test
  void bearerChallenge_wrongPassword_throwsAuthExceptionWithoutThePassword() {
    registry.auth = FakeRegistry.Auth.BEARER;
    RegistryClient client = client("ci", "wrong-password-123");
    RepositoryRef repo = registry.repo("team/app");

    RegistryAuthException e =
        catchThrowableOfType(
            RegistryAuthException.class, () -> client.uploadBlob(repo, new byte[] {1, 2}));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("token service").doesNotContain("wrong-password-123");
    assertThat(e.toString()).doesNotContain("wrong-password-123");
  }

  @Test
  void basicChallenge_withCredentials_succeedsAndSendsBasicPreemptivelyAfterwards() {
    registry.auth = FakeRegistry.Auth.BASIC;
    RegistryClient client = client("ci", "s3cret-pass");
    RepositoryRef repo = registry.repo("team/app");

    String digest = client.uploadBlob(repo, new byte[] {1, 2, 3});
    int before = registry.requests.size();
    assertThat(client.blobExists(repo, digest)).isTrue();

    assertThat(registry.requests.size() - before).isEqualTo(1);
    assertThat(registry.authorizations.get(registry.authorizations.size() - 1))
        .startsWith("Basic ");
  }

  @Test
  void basicChallenge_noCredentials_throwsAuthException() {
    registry.auth = FakeRegistry.Auth.BASIC;
    RegistryClient client = client();

    RegistryAuthException e =
        catchThrowableOfType(
            RegistryAuthException.class,
            () -> client.blobExists(registry.repo("team/app"), Digests.sha256(new byte[0])));

    assertThat(e.getMessage()).contains("none configured");
  }

  @Test
  void serverErrors_thenSuccess_retriesUntilItWorks() {
    RegistryClient client = client();
    RepositoryRef repo = registry.repo("demo/app");
    registry.failuresLeft.set(2);

    String digest = client.uploadBlob(repo, new byte[] {7});

    assertThat(client.getBlob(repo, digest)).containsExactly(7);
    assertThat(registry.requests.subList(0, 3)).containsOnly("POST /v2/demo/app/blobs/uploads/");
  }

  @Test
  void serverErrorsPersist_throwsUnavailableAfterMaxAttempts() {
    RegistryClient client = client();
    registry.failuresLeft.set(100);

    RegistryUnavailableException e =
        catchThrowableOfType(
            RegistryUnavailableException.class,
            () -> client.getManifest(registry.repo("demo/app"), "1.0"));

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.retryable()).isTrue();
    assertThat(registry.requests).hasSize(3);
  }

  @Test
  void tooManyRequests_withRetryAfter_isRetried() {
    RegistryClient client = client();
    registry.failureStatus = 429;
    registry.retryAfter = "0";
    registry.failuresLeft.set(1);

    assertThat(client.findManifest(registry.repo("demo/app"), "1.0")).isEmpty();
    assertThat(registry.requests).hasSize(2);
  }

  @Test
  void closedPort_throwsUnavailableWithoutStatusWithinBoundedTime() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RepositoryRef repo = new RepositoryRef("127.0.0.1:" + port, "demo/app");
    long start = System.nanoTime();

    RegistryUnavailableException e =
        catchThrowableOfType(
            RegistryUnavailableException.class, () -> client().resolve(repo, "1.0"));

    assertThat(e.status()).isZero();
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void schemeFor_loopbackAndConfiguredInsecureAreHttp_othersHttps() {
    RegistryClient client =
        RegistryClient.builder().insecureHosts(List.of("registry.internal", "other:5000")).build();

    assertThat(client.schemeFor("127.0.0.1:15000")).isEqualTo("http");
    assertThat(client.schemeFor("localhost")).isEqualTo("http");
    assertThat(client.schemeFor("registry.internal:443")).isEqualTo("http");
    assertThat(client.schemeFor("other:5000")).isEqualTo("http");
    assertThat(client.schemeFor("other:5001")).isEqualTo("https");
    assertThat(client.schemeFor("registry.example")).isEqualTo("https");
  }

  @Test
  void invalidNames_areRejectedBeforeAnyRequest() {
    RegistryClient client = client();

    assertThatThrownBy(() -> new RepositoryRef(registry.hostPort(), "Demo/../app"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.getManifest(registry.repo("demo/app"), "../x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.getBlob(registry.repo("demo/app"), "md5:abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.requests).isEmpty();
  }

  @Test
  void credential_toString_hidesPassword() {
    assertThat(new RegistryCredentials.Credential("ci", "hunter2").toString())
        .doesNotContain("hunter2");
  }
}
