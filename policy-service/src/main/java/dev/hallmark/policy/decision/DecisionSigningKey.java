package dev.hallmark.policy.decision;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionKeyException;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionSigner;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key that authenticates every {@link PolicyDecision} this service announces, so that
 * signer-service can tell them from records written into the topic by anyone else (ADR 0006). Read
 * once at start from {@value #SETTING} ({@value #ENV}): without a usable key the service does not
 * start ({@link Context}).
 */
@Context
public class DecisionSigningKey {
  static final String SETTING = "hallmark.policy.decision-key-file";
  static final String ENV = "HALLMARK_DECISION_KEY_FILE";
  private static final Logger LOG = LoggerFactory.getLogger(DecisionSigningKey.class);

  /** DER SubjectPublicKeyInfo of an Ed25519 key up to the 32 key bytes (RFC 8410). */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final DecisionSigner signer;

  DecisionSigningKey(@Value("${" + SETTING + ":}") @Nullable String file) {
    if (file == null || file.isBlank()) {
      throw new DecisionKeyConfigurationException(
          SETTING
              + " ("
              + ENV
              + ") is not set: policy-service authenticates every decision it announces and"
              + " needs its Ed25519 private key, a PKCS#8 PEM file (openssl genpkey -algorithm"
              + " ed25519); see docs/operations.md",
          null);
    }
    try {
      PrivateKey privateKey = DecisionKeys.readPrivateKey(Path.of(file));
      this.signer = new DecisionSigner(privateKey, publicKeyOf(privateKey));
    } catch (DecisionKeyException e) {
      throw new DecisionKeyConfigurationException(SETTING + " (" + ENV + "): " + e.getMessage(), e);
    }
    LOG.info("decisions are authenticated with key {} ({})", signer.keyIdHex(), file);
  }

  /** A copy of the decision with its authenticator. */
  public PolicyDecision sign(PolicyDecision decision) {
    return signer.sign(decision);
  }

  /** The id of the key, lower-case hex: what signer-service lists as trusted. */
  public String keyIdHex() {
    return signer.keyIdHex();
  }

  /** The public key of an Ed25519 private key (the JDK has no API for it; Bouncy Castle does). */
  static PublicKey publicKeyOf(PrivateKey privateKey) {
    byte[] seed =
        privateKey instanceof EdECPrivateKey edec
            ? edec.getBytes()
                .orElseThrow(() -> new IllegalStateException("the Ed25519 key has no bytes"))
            : null;
    if (seed == null) {
      throw new IllegalStateException("not an Ed25519 private key: " + privateKey.getAlgorithm());
    }
    byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    Arrays.fill(seed, (byte) 0);
    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance(DecisionKeys.ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK refused a derived Ed25519 public key", e);
    }
  }
}
