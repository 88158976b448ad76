package dev.hallmark.signer.images;

import java.util.regex.Pattern;

/**
 * The grammar of image references (distribution/reference), in one place for everything the signer
 * writes from a decision or accepts from a client: the cosign payload, the Notary grant and the
 * {@code gun} of the Notary API. A name that passes here is one registries and verifiers parse the
 * same way.
 */
public final class ImageNames {
  /** host, IPv4 or {@code localhost}, optional port (distribution/reference {@code domain}). */
  private static final Pattern REGISTRY =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*"
              + "[a-zA-Z0-9])?))*(?::[0-9]+)?");

  /** distribution/reference path components, lower case, separated by {@code /}. */
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private ImageNames() {}

  public static boolean isRegistry(String value) {
    return value != null && REGISTRY.matcher(value).matches();
  }

  public static boolean isRepository(String value) {
    return value != null && REPOSITORY.matcher(value).matches();
  }

  /** {@code sha256:<64 lower-case hex>}. */
  public static boolean isDigest(String value) {
    return value != null && DIGEST.matcher(value).matches();
  }

  public static boolean isTag(String value) {
    return value != null && TAG.matcher(value).matches();
  }
}
