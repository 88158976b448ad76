package dev.hallmark.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer-token flow of the Docker registry auth spec (distribution {@code
 * docs/spec/auth/token.md}): on a {@code Bearer realm=..,service=..,scope=..} challenge, GET the
 * realm with {@code service} and {@code scope}, with Basic credentials when the registry host has
 * some, and cache the returned {@code token} (or {@code access_token}) per registry and scope for
 * its {@code expires_in} (60 s when absent, as the spec says).
 */
final class BearerTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  private record Cached(String token, long expiresAtNanos) {}

  private final HttpClient http;
  private final RegistryCredentials credentials;
  private final InsecureHosts insecure;
  private final Duration timeout;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  BearerTokens(
      HttpClient http, RegistryCredentials credentials, InsecureHosts insecure, Duration timeout) {
    this.http = http;
    this.credentials = credentials;
    this.insecure = insecure;
    this.timeout = timeout;
  }

  Optional<String> cached(String registry, String scope) {
    Cached cached = cache.get(registry + " " + scope);
    if (cached == null || System.nanoTime() - cached.expiresAtNanos() >= 0) {
      return Optional.empty();
    }
    return Optional.of(cached.token());
  }

  void forget(String registry, String scope) {
    cache.remove(registry + " " + scope);
  }

  /** Fetches a token for {@code scope} (our cache key) answering {@code challenge}. */
  String fetch(RepositoryRef target, Challenge challenge, String scope) throws TransientFailure {
    String realm =
        challenge
            .param("realm")
            .orElseThrow(
                () -> new RegistryAuthException(target, 401, "Bearer challenge without realm"));
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new RegistryAuthException(target, 401, "Bearer challenge with a malformed realm");
    }
    boolean https = "https".equalsIgnoreCase(realmUri.getScheme());
    boolean plainAllowed =
        "http".equalsIgnoreCase(realmUri.getScheme())
            && realmUri.getHost() != null
            && insecure.isInsecure(realmUri.getRawAuthority());
    if (!https && !plainAllowed) {
      // Never send credentials (or accept tokens) over plain HTTP to a host not configured
      // insecure.
      throw new RegistryAuthException(
          target, 401, "token realm " + realmUri.getHost() + " is not https");
    }
    StringBuilder query = new StringBuilder();
    challenge.param("service").ifPresent(s -> appendParam(query, "service", s));
    appendParam(query, "scope", challenge.param("scope").orElse(scope));
    String separator = realmUri.getRawQuery() == null ? "?" : "&";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(realm + separator + query))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    if (!https) {
      request.version(HttpClient.Version.HTTP_1_1);
    }
    credentials
        .lookup(target.registry())
        .ifPresent(
            credential -> request.header("Authorization", RegistryTransport.basic(credential)));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TransientFailure(0, "token service unreachable: " + describe(e), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(target, 0, "interrupted while fetching a token", e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new RegistryAuthException(
          target,
          status,
          "token service refused "
              + (credentials.lookup(target.registry()).isPresent()
                  ? "the configured credentials"
                  : "anonymous access"));
    }
    if (status == 429 || status >= 500) {
      throw new TransientFailure(status, "token service answered " + status, null, null);
    }
    if (status != 200) {
      throw new RegistryAuthException(target, status, "token service answered " + status);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String token = body.path("token").asText("");
      if (token.isEmpty()) {
        token = body.path("access_token").asText("");
      }
      if (token.isEmpty()) {
        throw new RegistryAuthException(target, status, "token response without a token");
      }
      long seconds = body.path("expires_in").asLong(0);
      Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
      Duration margin =
          lifetime.dividedBy(2).compareTo(EXPIRY_MARGIN) < 0
              ? lifetime.dividedBy(2)
              : EXPIRY_MARGIN;
      cache.put(
          target.registry() + " " + scope,
          new Cached(token, System.nanoTime() + lifetime.minus(margin).toNanos()));
      return token;
    } catch (IOException e) {
      throw new RegistryAuthException(target, status, "token response is not JSON");
    }
  }

  private static void appendParam(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  static String describe(IOException e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + " " + e.getMessage();
  }
}
