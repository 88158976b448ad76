package dev.hallmark.audit.checkpoint;

import dev.hallmark.schemas.auth.DecisionKeyException;
import dev.hallmark.schemas.auth.DecisionKeys;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key that signs the ledger's checkpoints (ADR 0008), read once at start from {@value
 * #SETTING} ({@value #ENV}), a PKCS#8 PEM file as {@code openssl genpkey -algorithm ed25519} writes
 * it: without a usable key the service does not start ({@link Context}). Its name in signed notes
 * is the ledger's origin ({@code hallmark.audit.origin}).
 */
@Context
public class AuditKey {
  static final String SETTING = "hallmark.audit.key-file";
  static final String ENV = "HALLMARK_AUDIT_KEY_FILE";
  private static final Logger LOG = LoggerFactory.getLogger(AuditKey.class);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyName;

  AuditKey(
      @Value("${" + SETTING + ":}") @Nullable String file,
      @Value("${hallmark.audit.origin}") String origin) {
    if (file == null || file.isBlank()) {
      throw new AuditKeyConfigurationException(
          SETTING
              + " ("
              + ENV
              + ") is not set: audit-service signs the ledger's checkpoints and needs its Ed25519"
              + " private key, a PKCS#8 PEM file (openssl genpkey -algorithm ed25519); see"
              + " docs/operations.md",
          null);
    }
    try {
      this.privateKey = DecisionKeys.readPrivateKey(Path.of(file));
    } catch (DecisionKeyException e) {
      throw new AuditKeyConfigurationException(SETTING + " (" + ENV + "): " + e.getMessage(), e);
    }
    this.publicKey = Ed25519Keys.publicKeyOf(privateKey);
    try {
      CheckpointNote.requireKeyName(origin);
    } catch (IllegalArgumentException e) {
      throw new AuditKeyConfigurationException("hallmark.audit.origin: " + e.getMessage(), e);
    }
    this.keyName = origin;
    LOG.info("checkpoints are signed as {} with key {} ({})", origin, keyIdHex(), file);
  }

  /** The name the key signs notes under: the ledger's origin. */
  public String keyName() {
    return keyName;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** SHA-256 of the public key's DER SubjectPublicKeyInfo, lower-case hex. */
  public String keyIdHex() {
    return DecisionKeys.keyIdHex(publicKey);
  }

  /** The public key as PEM ({@code openssl pkey -pubout}). */
  public String publicKeyPem() {
    return DecisionKeys.pem(publicKey);
  }

  /** An Ed25519 signature (RFC 8032) over the message. */
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance(DecisionKeys.ALGORITHM);
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK could not sign with Ed25519", e);
    }
  }
}
