package dev.hallmark.signer.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/** How public keys are shown: PEM (cosign.pub) and a SHA-256 fingerprint. */
public final class PublicKeyEncoding {
  private PublicKeyEncoding() {}

  /**
   * RFC 7468 section 13 {@code PUBLIC KEY}: the DER SubjectPublicKeyInfo, base64 in 64-column
   * lines. This is the format of {@code cosign.pub} ({@code cosign verify --key}).
   */
  public static String pem(PublicKey key) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** {@code sha256:<hex>} of the DER SubjectPublicKeyInfo. */
  public static String fingerprint(PublicKey key) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
