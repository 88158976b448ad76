package dev.hallmark.oci;

import java.net.http.HttpResponse;
import java.util.Locale;

/** Response body handling shared by the endpoint classes. */
final class Bodies {
  private Bodies() {}

  /**
   * Reads the body into memory unless {@code Content-Length} announces more than {@code maxBytes};
   * then the body is discarded and the result is null. A chunked body is checked after reading.
   */
  static HttpResponse.BodyHandler<byte[]> upTo(long maxBytes) {
    return info -> {
      long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return length > maxBytes
          ? HttpResponse.BodySubscribers.replacing(null)
          : HttpResponse.BodySubscribers.ofByteArray();
    };
  }

  static boolean tooLarge(byte[] body, long maxBytes) {
    return body == null || body.length > maxBytes;
  }

  /** Media type of a Content-Type header value, without parameters, lower case. */
  static String mediaType(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .orElse("");
  }

  static String digestHeader(HttpResponse<?> response) {
    return response.headers().firstValue("Docker-Content-Digest").map(String::trim).orElse(null);
  }
}
