package dev.hallmark.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the local stack configures for its demo: the project file (policy as code) for intake and
 * policy, the CI token and webhook secret for clients, and the cosign public key for verifiers.
 */
final class DemoConfiguration {
  static final String TOKEN_LABEL = "hallmark-demo";
  static final String KEY_LABEL = "hallmark-demo-cosign";

  private final StackLayout layout;
  private final String ciToken;
  private final SoftHsmToken token;

  private DemoConfiguration(StackLayout layout, String ciToken, SoftHsmToken token) {
    this.layout = layout;
    this.ciToken = ciToken;
    this.token = token;
  }

  /**
   * Writes the project file and the signer's key file, and creates the SoftHSM token on the first
   * {@code up} (the key itself is generated inside the token by signer-service, once).
   */
  static DemoConfiguration write(StackLayout layout, String registry) {
    String ciToken = DemoProject.write(layout, registry);
    SoftHsmToken token = SoftHsmToken.open(layout.softHsm(), TOKEN_LABEL);
    Secrets.writeOwnerOnly(layout.signerFile(), signerConfig(token));
    return new DemoConfiguration(layout, ciToken, token);
  }

  static String signerConfig(SoftHsmToken token) {
    return """
        # Written by deploy/local/stack up: the demo signing key, inside the SoftHSM token.
        hallmark:
          signer:
            pkcs11:
              library: %s
              token-label: %s
              pin-file: %s
            keys:
              %s:
                backend: pkcs11
                algorithm: ECDSA_P256
                label: %s
                create-if-missing: true
        """
        .formatted(token.library(), token.label(), token.pinFile(), DemoProject.KEY_ID, KEY_LABEL);
  }

  /** Extra environment of a service process. */
  Map<String, String> environmentOf(ServiceDefinition service) {
    if (service.equals(ServiceDefinition.INTAKE) || service.equals(ServiceDefinition.POLICY)) {
      return Map.of("MICRONAUT_CONFIG_FILES", layout.projectsFile().toString());
    }
    if (service.equals(ServiceDefinition.SIGNER)) {
      Map<String, String> env = new LinkedHashMap<>(token.environment());
      env.put("MICRONAUT_CONFIG_FILES", layout.signerFile().toString());
      return env;
    }
    return Map.of();
  }

  /** What {@code stack.env} tells clients of the demo. */
  Map<String, String> stackEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HALLMARK_CI_TOKEN", ciToken);
    env.put("HALLMARK_WEBHOOK_SECRET", Secrets.readOrCreate(layout.webhookSecretFile()));
    env.put("HALLMARK_PROJECT", DemoProject.PROJECT);
    env.put("HALLMARK_SIGNING_POLICY", DemoProject.POLICY);
    env.put("HALLMARK_COSIGN_KEY_ID", DemoProject.KEY_ID);
    return env;
  }

  /**
   * Saves the demo key's public key (PEM, usable as cosign.pub) from signer-service.
   *
   * @return {@code HALLMARK_COSIGN_PUBLIC_KEY} and its path, or nothing if the signer has no key
   */
  Map<String, String> fetchPublicKey(int signerPort) {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + signerPort
                + "/api/v1/keys/"
                + DemoProject.KEY_ID
                + "/public-key");
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().contains("PUBLIC KEY")) {
        return Map.of();
      }
      Files.writeString(layout.publicKeyFile(DemoProject.KEY_ID), response.body());
      return Map.of(
          "HALLMARK_COSIGN_PUBLIC_KEY", layout.publicKeyFile(DemoProject.KEY_ID).toString());
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }
}
