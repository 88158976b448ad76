package dev.hallmark.deploy.local.demo;

import dev.hallmark.deploy.local.infrastructure.ExternalInfrastructure;
import dev.hallmark.deploy.local.infrastructure.Secrets;
import dev.hallmark.deploy.local.infrastructure.SoftHsmToken;
import dev.hallmark.deploy.local.infrastructure.TrustPinningFile;
import dev.hallmark.deploy.local.stack.DecisionKeyPair;
import dev.hallmark.deploy.local.stack.ServiceDefinition;
import dev.hallmark.deploy.local.stack.StackLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack configures for its demo: the project file (policy as code) for intake and
 * policy, the decision key pair for policy (private) and signer and intake (public), the CI token,
 * the two approver tokens, the admin token and the webhook secret for clients, the cosign public
 * key for verifiers, and where the Notary v1 server and its trust pinning file are, for signer and
 * publisher.
 */
public final class DemoConfiguration {
  /** Label of the demo SoftHSM token under {@code .local-stack/softhsm}. */
  public static final String TOKEN_LABEL = "hallmark-demo";

  /** Label (in the token) of the demo cosign key, ECDSA P-256. */
  public static final String KEY_LABEL = "hallmark-demo-cosign";

  static final String RSA_KEY_LABEL = "hallmark-demo-cosign-rsa";

  /** policy-service's decision key (private, PKCS#8 PEM). */
  static final String DECISION_KEY_FILE = "HALLMARK_DECISION_KEY_FILE";

  /** SHA-256 of the admin API's token, the only form of it policy-service is given. */
  static final String ADMIN_TOKEN_SHA256 = "HALLMARK_ADMIN_TOKEN_SHA256";

  /**
   * The decision public keys signer-service and intake-service trust (PEM files, separated by
   * commas).
   */
  static final String DECISION_PUBLIC_KEYS = "HALLMARK_DECISION_PUBLIC_KEYS";

  /** audit-service's checkpoint key (private, PKCS#8 PEM) and export directory. */
  static final String AUDIT_KEY_FILE = "HALLMARK_AUDIT_KEY_FILE";

  static final String AUDIT_EXPORT_DIR = "HALLMARK_AUDIT_EXPORT_DIR";
  static final String AUDIT_READER_TOKEN_SHA256 = "HALLMARK_AUDIT_READER_TOKEN_SHA256";

  private final StackLayout layout;
  private final DemoProject.Tokens tokens;
  private final SoftHsmToken token;
  private final DecisionKeyPair decisionKey;
  private final DecisionKeyPair auditKey;
  private final Optional<String> notaryUrl;
  private final int signerPort;

  private DemoConfiguration(
      StackLayout layout,
      DemoProject.Tokens tokens,
      SoftHsmToken token,
      DecisionKeyPair decisionKey,
      DecisionKeyPair auditKey,
      Optional<String> notaryUrl,
      int signerPort) {
    this.layout = layout;
    this.tokens = tokens;
    this.token = token;
    this.decisionKey = decisionKey;
    this.auditKey = auditKey;
    this.notaryUrl = notaryUrl;
    this.signerPort = signerPort;
  }

  /**
   * Writes the project file and the signer's key file, and creates the SoftHSM token and the
   * decision key pair on the first {@code up} (the signing key itself is generated inside the token
   * by signer-service, once).
   *
   * @param notaryUrl the Notary v1 server, if one runs: then the trust pinning file is created
   *     (empty) unless it exists, for services that start before the demo repository is pinned
   */
  public static DemoConfiguration write(
      StackLayout layout, String registry, Optional<String> notaryUrl, int signerPort) {
    DemoProject.Tokens tokens = DemoProject.write(layout, registry);
    SoftHsmToken token = SoftHsmToken.open(layout.softHsm(), TOKEN_LABEL);
    Secrets.writeOwnerOnly(layout.signerFile(), signerConfig(token));
    DecisionKeyPair decisionKey = DecisionKeyPair.createIfMissing(layout);
    DecisionKeyPair auditKey =
        DecisionKeyPair.createIfMissing(
            layout.auditPrivateKeyFile(), layout.auditPublicKeyFile(), "audit key");
    if (notaryUrl.isPresent()) {
      TrustPinningFile.createIfMissing(layout.trustPinningFile());
    }
    return new DemoConfiguration(
        layout, tokens, token, decisionKey, auditKey, notaryUrl, signerPort);
  }

  static String signerConfig(SoftHsmToken token) {
    return """
        # Written by deploy/local/stack up: the demo signing keys, inside the SoftHSM token.
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
              %s:
                backend: pkcs11
                algorithm: RSA_3072
                label: %s
                create-if-missing: true
        """
        .formatted(
            token.library(),
            token.label(),
            token.pinFile(),
            DemoProject.KEY_ID,
            KEY_LABEL,
            DemoProject.RSA_KEY_ID,
            RSA_KEY_LABEL);
  }

  /** Extra environment of a service process. */
  public Map<String, String> environmentOf(ServiceDefinition service) {
    if (service.equals(ServiceDefinition.INTAKE)) {
      // intake applies to a request's status only decisions authenticated by this key too.
      return Map.of(
          "MICRONAUT_CONFIG_FILES",
          layout.projectsFile().toString(),
          DECISION_PUBLIC_KEYS,
          decisionKey.publicKeyFile().toString());
    }
    if (service.equals(ServiceDefinition.POLICY)) {
      return Map.of(
          "MICRONAUT_CONFIG_FILES",
          layout.projectsFile().toString(),
          DECISION_KEY_FILE,
          decisionKey.privateKeyFile().toString(),
          ADMIN_TOKEN_SHA256,
          DemoProject.sha256Hex(adminToken()));
    }
    if (service.equals(ServiceDefinition.SIGNER)) {
      Map<String, String> env = new LinkedHashMap<>(token.environment());
      env.put("MICRONAUT_CONFIG_FILES", layout.signerFile().toString());
      env.put(DECISION_PUBLIC_KEYS, decisionKey.publicKeyFile().toString());
      env.putAll(notaryEnvironment());
      return env;
    }
    if (service.equals(ServiceDefinition.AUDIT)) {
      return Map.of(
          AUDIT_KEY_FILE,
          auditKey.privateKeyFile().toString(),
          AUDIT_EXPORT_DIR,
          layout.auditExport().toString(),
          AUDIT_READER_TOKEN_SHA256,
          DemoProject.sha256Hex(auditToken()));
    }
    if (service.equals(ServiceDefinition.PUBLISHER)) {
      Map<String, String> env = new LinkedHashMap<>(notaryEnvironment());
      // The re-drive API (stack redrive) takes the admin token policy-service's admin API takes.
      env.put(ADMIN_TOKEN_SHA256, DemoProject.sha256Hex(adminToken()));
      if (notaryUrl.isPresent()) {
        // The publisher has signer-service sign targets/releases; its default assumes port 8082.
        env.put(DemoNotary.SIGNER_URL, "http://127.0.0.1:" + signerPort);
      }
      return env;
    }
    return Map.of();
  }

  /** Created on the first {@code up}, kept in {@code secrets/admin-token}. */
  private String adminToken() {
    return Secrets.readOrCreate(layout.adminTokenFile());
  }

  private String auditToken() {
    return Secrets.readOrCreate(layout.auditTokenFile());
  }

  /** The Notary v1 server and the trust pinning file; nothing without a server. */
  Map<String, String> notaryEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    notaryUrl.ifPresent(
        url -> {
          env.put(ExternalInfrastructure.NOTARY_URL, url);
          env.put(DemoNotary.TRUST_PINNING, layout.trustPinningFile().toString());
        });
    return env;
  }

  /** What {@code stack.env} tells clients of the demo. */
  public Map<String, String> stackEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HALLMARK_CI_TOKEN", tokens.ci());
    env.put("HALLMARK_WEBHOOK_SECRET", Secrets.readOrCreate(layout.webhookSecretFile()));
    env.put("HALLMARK_PROJECT", DemoProject.PROJECT);
    env.put("HALLMARK_SIGNING_POLICY", DemoProject.POLICY);
    env.put("HALLMARK_COSIGN_KEY_ID", DemoProject.KEY_ID);
    env.put("HALLMARK_COSIGN_RSA_KEY_ID", DemoProject.RSA_KEY_ID);
    // The approvals API is policy-service's (HALLMARK_POLICY_URL); the policy waits for both.
    env.put("HALLMARK_APPROVAL_POLICY", DemoProject.APPROVAL_POLICY);
    env.put("HALLMARK_APPROVER_TOKEN", tokens.approver());
    env.put("HALLMARK_APPROVER2_TOKEN", tokens.secondApprover());
    // The admin API of policy-service (HALLMARK_POLICY_URL/api/v1/admin/projects).
    env.put("HALLMARK_ADMIN_TOKEN", adminToken());
    env.putAll(notaryEnvironment());
    // For auditors: the key checkpoints verify with, and where they are exported.
    env.put("HALLMARK_AUDIT_PUBLIC_KEY", auditKey.publicKeyFile().toString());
    // The bearer token of audit-service's API (HALLMARK_AUDIT_URL/api/v1/audit).
    env.put("HALLMARK_AUDIT_TOKEN", auditToken());
    env.put(AUDIT_EXPORT_DIR, layout.auditExport().toString());
    return env;
  }

  /**
   * Saves the demo keys' public keys (PEM, usable as cosign.pub) from signer-service.
   *
   * @return {@code HALLMARK_COSIGN_PUBLIC_KEY} and {@code HALLMARK_COSIGN_RSA_PUBLIC_KEY} with
   *     their paths, for the keys the signer serves
   */
  public Map<String, String> fetchPublicKeys(int signerPort) {
    Map<String, String> env = new LinkedHashMap<>();
    fetchPublicKey(signerPort, DemoProject.KEY_ID)
        .ifPresent(path -> env.put("HALLMARK_COSIGN_PUBLIC_KEY", path));
    fetchPublicKey(signerPort, DemoProject.RSA_KEY_ID)
        .ifPresent(path -> env.put("HALLMARK_COSIGN_RSA_PUBLIC_KEY", path));
    return env;
  }

  private java.util.Optional<String> fetchPublicKey(int signerPort, String keyId) {
    URI uri =
        URI.create("http://127.0.0.1:" + signerPort + "/api/v1/keys/" + keyId + "/public-key");
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().contains("PUBLIC KEY")) {
        return java.util.Optional.empty();
      }
      Files.writeString(layout.publicKeyFile(keyId), response.body());
      return java.util.Optional.of(layout.publicKeyFile(keyId).toString());
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }
}
