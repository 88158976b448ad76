package dev.hallmark.intake.oci;

import java.util.regex.Pattern;

/** Manifest digests Hallmark accepts: SHA-256 only, lower-case hex (OCI image spec, "Digests"). */
public final class ImageDigest {
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

  private ImageDigest() {}

  public static boolean isValid(String digest) {
    return digest != null && SHA256.matcher(digest).matches();
  }
}
