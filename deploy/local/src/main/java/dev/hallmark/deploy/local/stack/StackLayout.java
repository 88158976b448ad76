package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.DatabaseRoles;
import dev.hallmark.deploy.local.infrastructure.TrustPinningFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the stack keeps its state: {@code <home>/.local-stack/} (git-ignored), or the directory
 * named by {@code HALLMARK_STACK_DIR}, so that a second stack (the end-to-end tests) can run beside
 * a developer's own.
 */
public record StackLayout(Path home, Path root) {
  public static final String STACK_DIR_VARIABLE = "HALLMARK_STACK_DIR";

  public static StackLayout of(Path home, Map<String, String> env) {
    String dir = env.get(STACK_DIR_VARIABLE);
    Path root =
        dir == null || dir.isBlank()
            ? home.resolve(".local-stack")
            : Path.of(dir).toAbsolutePath().normalize();
    return new StackLayout(home, root);
  }

  /** PostgreSQL base directory ({@code data/} and {@code run/}), owned by the postgres user. */
  public Path postgres() {
    return root().resolve("pg");
  }

  public Path kafka() {
    return root().resolve("kafka");
  }

  public Path registry() {
    return root().resolve("registry");
  }

  /** Notary v1: {@code server/}, {@code client/} and the trust pinning file. */
  public Path notary() {
    return root().resolve("notary");
  }

  /** notary-server's configuration; its trust data lives in its memory only. */
  public Path notaryServer() {
    return notary().resolve("server");
  }

  /**
   * The notary client's trust directory (0700): the demo repository's root and targets keys and the
   * passphrase that encrypts them.
   */
  public Path notaryClient() {
    return notary().resolve("client");
  }

  /** The root key ids verifiers trust, per repository ({@link TrustPinningFile}). */
  public Path trustPinningFile() {
    return notary().resolve("trust-pinning.json");
  }

  public Path log(String component) {
    return root().resolve("logs").resolve(component + ".log");
  }

  public Path pidFile(String component) {
    return root().resolve("pids").resolve(component + ".pid");
  }

  public Path dbPasswordFile() {
    return root().resolve("secrets").resolve("db-password");
  }

  /** The password of audit-service's own database role ({@link DatabaseRoles#AUDIT}). */
  public Path auditDbPasswordFile() {
    return root().resolve("secrets").resolve("audit-db-password");
  }

  public Path webhookSecretFile() {
    return root().resolve("secrets").resolve("webhook-secret");
  }

  public Path ciTokenFile() {
    return root().resolve("secrets").resolve("ci-token");
  }

  /** The bearer token of policy-service's admin API (projects and policies). */
  public Path adminTokenFile() {
    return root().resolve("secrets").resolve("admin-token");
  }

  /** The bearer token of audit-service's API (reading the ledger, making checkpoints). */
  public Path auditTokenFile() {
    return root().resolve("secrets").resolve("audit-token");
  }

  /** The bearer token of a demo approver, e.g. {@code secrets/approver-alice-token}. */
  public Path approverTokenFile(String approver) {
    return root().resolve("secrets").resolve("approver-" + approver + "-token");
  }

  /** Policy as code for intake-service and policy-service. */
  public Path projectsFile() {
    return root().resolve("config").resolve("projects.yml");
  }

  /** Key configuration for signer-service. */
  public Path signerFile() {
    return root().resolve("config").resolve("signer.yml");
  }

  /** SoftHSM2 configuration and token directory of the demo key. */
  public Path softHsm() {
    return root().resolve("softhsm");
  }

  /** Public keys fetched from signer-service, for verifiers (cosign.pub). */
  public Path publicKeyFile(String keyId) {
    return root().resolve("keys").resolve(keyId + ".pub");
  }

  /** Certificates (PEM) fetched from signer-service, for {@code notary delegation add}. */
  public Path certificateFile(String keyId) {
    return root().resolve("keys").resolve(keyId + ".crt");
  }

  /**
   * policy-service's decision key (Ed25519, PKCS#8 PEM, 0600), which authenticates every decision
   * ({@link DecisionKeyPair}).
   */
  public Path decisionPrivateKeyFile() {
    return root().resolve("keys").resolve("policy-decisions.pem");
  }

  /** The decision key's public key (PEM), the one signer-service trusts. */
  public Path decisionPublicKeyFile() {
    return root().resolve("keys").resolve("policy-decisions.pub");
  }

  /**
   * audit-service's audit key (Ed25519, PKCS#8 PEM, 0600), which signs the ledger's checkpoints,
   * and next to it the public key auditors verify them with ({@code audit.pub}).
   */
  public Path auditPrivateKeyFile() {
    return root().resolve("keys").resolve("audit.pem");
  }

  public Path auditPublicKeyFile() {
    return root().resolve("keys").resolve("audit.pub");
  }

  /** Where audit-service exports its checkpoints and leaf hashes, outside the database. */
  public Path auditExport() {
    return root().resolve("audit-export");
  }

  public Path stackEnv() {
    return root().resolve("stack.env");
  }

  /**
   * Put on the command line of every JVM the stack starts: together with the data paths of
   * PostgreSQL and the registry, it lets {@code down} recognise this stack's processes (and only
   * them) even without pid files.
   */
  public String marker() {
    return "-Dhallmark.stack=" + root();
  }

  /** The root stays world-traversable (0755) so that the postgres user can reach {@code pg/}. */
  public void createDirectories() {
    try {
      Files.createDirectories(root());
      Files.setPosixFilePermissions(root(), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createDirectories(root().resolve("logs"));
      Files.createDirectories(root().resolve("pids"));
      Files.createDirectories(root().resolve("secrets"));
      Files.createDirectories(root().resolve("config"));
      Files.createDirectories(root().resolve("keys"));
      Files.setPosixFilePermissions(
          root().resolve("secrets"), PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + root(), e);
    }
  }
}
