package dev.hallmark.deploy.local.demo;

import dev.hallmark.deploy.local.infrastructure.ConfigurationException;
import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.infrastructure.TrustPinningFile;
import dev.hallmark.deploy.local.stack.ServiceDefinition;
import dev.hallmark.deploy.local.stack.StackLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Notary v1 trust data of the demo repository {@code <registry>/demo/app}: created with the
 * notary client once signer-service is up, delegating {@code targets/releases} to the demo key's
 * certificate, and pinned in the trust pinning file the services read. What SignPath's
 * Initialize-DockerSigning and Add-DelegationCertificate do for a customer's repository.
 *
 * <p>notary-server keeps its trust data in memory: after a restart of the server the repository is
 * created again, with a new root, and the pin replaced.
 */
public final class DemoNotary {
  /** Where services find the trust pinning file. */
  static final String TRUST_PINNING = "HALLMARK_NOTARY_TRUST_PINNING";

  /** The demo repository's GUN, in stack.env. */
  static final String GUN = "HALLMARK_NOTARY_GUN";

  /** Where registry-publisher has its {@code targets/releases} documents signed. */
  static final String SIGNER_URL = "HALLMARK_NOTARY_SIGNER_URL";

  private final StackLayout layout;
  private final String notaryUrl;
  private final PrintStream out;

  public DemoNotary(StackLayout layout, String notaryUrl, PrintStream out) {
    this.layout = layout;
    this.notaryUrl = notaryUrl;
    this.out = out;
  }

  static String gun(String registry) {
    return registry + "/" + StackDemo.REPOSITORY;
  }

  /**
   * Initializes and pins the demo repository unless the server already publishes the pinned root
   * with the signer's current certificate as delegation (a reused notary-server).
   *
   * @return {@code HALLMARK_NOTARY_GUN} for stack.env; empty without a notary client
   */
  public Map<String, String> initialize(String registry, int signerPort) {
    String gun = gun(registry);
    if (!NotaryCli.available()) {
      out.printf(
          "notary: client %s not installed (apt-get install notary); %s not initialized%n",
          NotaryCli.binary(), gun);
      return Map.of();
    }
    NotaryCli cli = NotaryCli.open(layout.notaryClient(), notaryUrl);
    Path certificateFile = layout.certificateFile(DemoProject.KEY_ID);
    String certificate = fetchCertificate(signerPort);
    boolean sameCertificate = certificate.equals(readIfExists(certificateFile).orElse(""));
    Optional<String> published = cli.publishedRootKeyId(gun);
    if (published.isPresent()
        && sameCertificate
        && TrustPinningFile.pins(
            layout.trustPinningFile(), new NotaryCli.RootPin(gun, published.get()))) {
      out.printf("notary: %s already initialized (root %s…)%n", gun, abbreviated(published.get()));
      return Map.of(GUN, gun);
    }
    if (published.isPresent()) {
      // Trust data this stack did not pin, or delegating to a key signer-service no longer has
      // (its token was deleted): start over rather than trust it.
      cli.deleteRepository(gun);
    }
    write(certificateFile, certificate);
    NotaryCli.RootPin pin = cli.initializeRepository(gun, certificateFile);
    TrustPinningFile.pin(layout.trustPinningFile(), pin);
    out.printf(
        "notary: initialized %s (root %s…, %s = Hallmark key %s)%n",
        gun, abbreviated(pin.rootKeyId()), NotaryCli.RELEASES_ROLE, DemoProject.KEY_ID);
    return Map.of(GUN, gun);
  }

  /** The demo key's X.509 certificate (PEM) as signer-service serves it. */
  private static String fetchCertificate(int signerPort) {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + signerPort
                + "/api/v1/keys/"
                + DemoProject.KEY_ID
                + "/certificate");
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConfigurationException(
          ServiceDefinition.SIGNER.name(), "GET " + uri, "unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException(
          ServiceDefinition.SIGNER.name(), "GET " + uri, "interrupted");
    }
    if (response.statusCode() != 200 || !response.body().contains("BEGIN CERTIFICATE")) {
      // A problem+json body says why (e.g. a key without a certificate); it holds no secret.
      String body = response.body();
      throw new ConfigurationException(
          ServiceDefinition.SIGNER.name(),
          "GET " + uri,
          "HTTP "
              + response.statusCode()
              + ", no certificate for notary delegation add: "
              + body.substring(0, Math.min(body.length(), 500)));
    }
    return response.body();
  }

  private static Optional<String> readIfExists(Path file) {
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** The first 12 hex digits, as the notary client shows key ids. */
  static String abbreviated(String keyId) {
    return keyId.substring(0, Math.min(12, keyId.length()));
  }
}
