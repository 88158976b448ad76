package dev.hallmark.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content digests as the OCI image specification defines them ("Descriptors", section "Digests"):
 * {@code sha256:<64 lowercase hex>}. Only sha256 is produced and accepted.
 */
public final class Digests {
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

  private Digests() {}

  /** {@code sha256:<hex>} of {@code content}. */
  public static String sha256(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public static boolean isSha256(String digest) {
    return digest != null && SHA256.matcher(digest).matches();
  }

  /**
   * @throws IllegalArgumentException unless {@code digest} is {@code sha256:<64 lowercase hex>}
   */
  public static String checkSha256(String digest) {
    if (!isSha256(digest)) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return digest;
  }
}
