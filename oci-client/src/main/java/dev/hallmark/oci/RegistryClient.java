package dev.hallmark.oci;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of the OCI distribution API (registry v2) for many registries at once: one {@link
 * HttpClient} (connection reuse), credentials per registry host, plain HTTP only for loopback and
 * hosts configured insecure, bounded retries of transient failures. One small class per endpoint
 * does the work ({@link ManifestResolver}, {@link ManifestGetter}, {@link ManifestPusher}, {@link
 * BlobChecker}, {@link BlobUploader}, {@link BlobPuller}); this facade adds the retries.
 *
 * <p>Thread-safe. Failures are {@link RegistryException}s: {@link RegistryAuthException}, {@link
 * ManifestNotFoundException}, {@link BlobNotFoundException}, {@link RegistryUnavailableException},
 * {@link RegistryRequestException}, {@link DigestMismatchException}.
 */
public final class RegistryClient {
  private final InsecureHosts insecure;
  private final Retrier retrier;
  private final ManifestResolver resolver;
  private final ManifestGetter manifests;
  private final ManifestPusher pusher;
  private final BlobChecker blobs;
  private final BlobUploader uploader;
  private final BlobPuller puller;

  private RegistryClient(Builder builder) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(builder.connectTimeout)
            // Redirects are followed by RegistryTransport, which drops credentials across hosts.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.insecure = new InsecureHosts(builder.insecureHosts);
    RegistryTransport transport =
        new RegistryTransport(http, builder.credentials, insecure, builder.requestTimeout);
    this.retrier = new Retrier(builder.retryPolicy);
    this.manifests = new ManifestGetter(transport, builder.maxManifestBytes);
    this.resolver = new ManifestResolver(transport, manifests);
    this.pusher = new ManifestPusher(transport);
    this.blobs = new BlobChecker(transport);
    this.uploader = new BlobUploader(transport);
    this.puller = new BlobPuller(transport, builder.maxBlobBytes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What {@code reference} (a tag or digest) points at, by HEAD: digest, media type, size.
   *
   * @throws ManifestNotFoundException if nothing is there
   */
  public ManifestDescriptor resolve(RepositoryRef repository, String reference) {
    String ref = RepositoryRef.checkReference(reference);
    return retrier.run(repository, "resolve " + ref, () -> resolver.resolve(repository, ref));
  }

  /**
   * The manifest (image or index, OCI or Docker) under a tag or digest, its digest verified.
   *
   * @throws ManifestNotFoundException if nothing is there
   */
  public Manifest getManifest(RepositoryRef repository, String reference) {
    return findManifest(repository, reference)
        .orElseThrow(() -> new ManifestNotFoundException(repository, reference));
  }

  /** Like {@link #getManifest}, but empty when nothing is there. */
  public Optional<Manifest> findManifest(RepositoryRef repository, String reference) {
    String ref = RepositoryRef.checkReference(reference);
    return retrier.run(repository, "get manifest " + ref, () -> manifests.find(repository, ref));
  }

  /**
   * Stores {@code content} under {@code reference} (a tag, or its own digest) with {@code
   * mediaType}; every blob it references must exist in the repository.
   *
   * @return the manifest's digest, {@code sha256:<hex>} of {@code content}
   */
  public String putManifest(
      RepositoryRef repository, String reference, String mediaType, byte[] content) {
    String ref = RepositoryRef.checkReference(reference);
    Objects.requireNonNull(mediaType, "mediaType");
    byte[] bytes = content.clone();
    return retrier.run(
        repository, "put manifest " + ref, () -> pusher.put(repository, ref, mediaType, bytes));
  }

  public boolean blobExists(RepositoryRef repository, String digest) {
    String checked = Digests.checkSha256(digest);
    return retrier.run(
        repository, "check blob " + checked, () -> blobs.exists(repository, checked));
  }

  /**
   * Uploads {@code content} monolithically (POST, then PUT with {@code ?digest=}).
   *
   * @return its digest
   */
  public String uploadBlob(RepositoryRef repository, byte[] content) {
    byte[] bytes = content.clone();
    return retrier.run(repository, "upload blob", () -> uploader.upload(repository, bytes));
  }

  /**
   * The blob's bytes, verified against {@code digest}.
   *
   * @throws BlobNotFoundException if the repository has no such blob
   */
  public byte[] getBlob(RepositoryRef repository, String digest) {
    String checked = Digests.checkSha256(digest);
    return retrier.run(repository, "get blob " + checked, () -> puller.get(repository, checked));
  }

  /** {@code http} for loopback and configured insecure hosts, else {@code https}. */
  public String schemeFor(String registry) {
    return insecure.scheme(registry);
  }

  /** Settings of a {@link RegistryClient}; every one has a default. */
  public static final class Builder {
    private RegistryCredentials credentials = RegistryCredentials.anonymous();
    private final List<String> insecureHosts = new ArrayList<>();
    private RetryPolicy retryPolicy = RetryPolicy.standard();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private long maxManifestBytes = 4L * 1024 * 1024;
    private long maxBlobBytes = 64L * 1024 * 1024;

    private Builder() {}

    /** Credentials per registry host; default anonymous. */
    public Builder credentials(RegistryCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials);
      return this;
    }

    /**
     * Hosts ({@code host} for every port, or {@code host:port}) spoken to over plain HTTP, in
     * addition to loopback ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}).
     */
    public Builder insecureHosts(Collection<String> hosts) {
      insecureHosts.addAll(hosts);
      return this;
    }

    /** Default {@link RetryPolicy#standard()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /** TCP connect timeout; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Timeout of one HTTP request until the response headers; default 30 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Largest manifest read; default 4 MiB (distribution's own limit). */
    public Builder maxManifestBytes(long bytes) {
      this.maxManifestBytes = bytes;
      return this;
    }

    /** Largest blob read into memory by {@link RegistryClient#getBlob}; default 64 MiB. */
    public Builder maxBlobBytes(long bytes) {
      this.maxBlobBytes = bytes;
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
