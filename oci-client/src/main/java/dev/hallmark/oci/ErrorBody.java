package dev.hallmark.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The error body of the distribution API ({@code docs/spec/api.md}, "Errors"): {@code
 * {"errors":[{"code":"MANIFEST_UNKNOWN","message":"...","detail":...}]}}. Only the first code and a
 * shortened message are kept; details may echo request content and are dropped.
 */
record ErrorBody(String code, String message) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 200;

  static ErrorBody parse(byte[] body) {
    if (body == null || body.length == 0) {
      return new ErrorBody(null, null);
    }
    try {
      JsonNode first = JSON.readTree(body).path("errors").path(0);
      String code = first.path("code").isTextual() ? first.path("code").asText() : null;
      String message = first.path("message").isTextual() ? first.path("message").asText() : null;
      if (message != null && message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "...";
      }
      return new ErrorBody(code, message);
    } catch (IOException | RuntimeException e) {
      return new ErrorBody(null, null);
    }
  }

  String describe(String fallback) {
    return message == null ? fallback : fallback + ": " + message;
  }
}
