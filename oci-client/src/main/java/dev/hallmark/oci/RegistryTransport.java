package dev.hallmark.oci;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP exchange with a registry, authenticated: sends what is known to work (a cached bearer
 * token for the scope, or Basic credentials for a host that asked for Basic), answers a 401
 * challenge once (Bearer token flow or Basic), follows redirects of reads (without credentials to
 * another host), and reports 5xx/429/IO errors as {@link TransientFailure}. Every other status is
 * returned to the endpoint class, which knows what it means there.
 */
final class RegistryTransport {
  /** What a request needs: the actions of its token scope. */
  enum Access {
    PULL("pull"),
    PUSH("pull,push");

    private final String actions;

    Access(String actions) {
      this.actions = actions;
    }

    String scope(RepositoryRef target) {
      return "repository:" + target.repository() + ":" + actions;
    }
  }

  /** A request as data, so that it can be sent again after a challenge or redirect. */
  record Call(String method, URI uri, Map<String, String> headers, byte[] body) {
    static Call of(String method, URI uri) {
      return new Call(method, uri, Map.of(), null);
    }

    Call header(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Call(method, uri, copy, body);
    }

    Call body(byte[] content) {
      return new Call(method, uri, headers, content);
    }

    Call to(URI other, String newMethod) {
      return new Call(newMethod, other, headers, "GET".equals(newMethod) ? null : body);
    }
  }

  private static final int MAX_REDIRECTS = 5;

  private final HttpClient http;
  private final RegistryCredentials credentials;
  private final InsecureHosts insecure;
  private final Duration requestTimeout;
  private final BearerTokens tokens;
  private final Set<String> basicHosts = ConcurrentHashMap.newKeySet();

  RegistryTransport(
      HttpClient http,
      RegistryCredentials credentials,
      InsecureHosts insecure,
      Duration requestTimeout) {
    this.http = http;
    this.credentials = credentials;
    this.insecure = insecure;
    this.requestTimeout = requestTimeout;
    this.tokens = new BearerTokens(http, credentials, insecure, requestTimeout);
  }

  /** {@code <scheme>://<registry>/v2/<repository>/<suffix>}. */
  URI url(RepositoryRef target, String suffix) {
    return URI.create(
        insecure.scheme(target.registry())
            + "://"
            + target.registry()
            + "/v2/"
            + target.repository()
            + "/"
            + suffix);
  }

  /** Resolves a {@code Location} header (absolute, or relative as distribution sends it). */
  URI resolve(RepositoryRef target, String location) {
    URI base = URI.create(insecure.scheme(target.registry()) + "://" + target.registry() + "/");
    return base.resolve(location);
  }

  <T> HttpResponse<T> send(
      RepositoryRef target, Access access, Call call, HttpResponse.BodyHandler<T> handler)
      throws TransientFailure {
    String scope = access.scope(target);
    HttpResponse<T> response =
        sendFollowingRedirects(target, call, authorization(target, scope), handler);
    if (response.statusCode() == 401) {
      Challenge challenge =
          Challenge.select(response.headers().allValues("WWW-Authenticate"))
              .orElseThrow(
                  () -> new RegistryAuthException(target, 401, "unauthorized, no challenge"));
      String answer = answer(target, challenge, scope);
      response = sendFollowingRedirects(target, call, Optional.of(answer), handler);
      if (response.statusCode() == 401) {
        tokens.forget(target.registry(), scope);
        throw new RegistryAuthException(
            target,
            401,
            credentials.lookup(target.registry()).isPresent()
                ? "credentials refused"
                : "authentication required, no credentials configured for this registry");
      }
    }
    int status = response.statusCode();
    if (status == 403) {
      throw new RegistryAuthException(target, 403, "access denied");
    }
    if (status == 429 || status >= 500) {
      throw new TransientFailure(
          status, call.method() + " answered " + status, retryAfter(response), null);
    }
    return response;
  }

  private String answer(RepositoryRef target, Challenge challenge, String scope)
      throws TransientFailure {
    if (challenge.isBearer()) {
      return "Bearer " + tokens.fetch(target, challenge, scope);
    }
    if (challenge.isBasic()) {
      RegistryCredentials.Credential credential =
          credentials
              .lookup(target.registry())
              .orElseThrow(
                  () ->
                      new RegistryAuthException(
                          target,
                          401,
                          "registry requires Basic credentials, none configured for this registry"));
      basicHosts.add(target.registry());
      return basic(credential);
    }
    throw new RegistryAuthException(
        target, 401, "unsupported authentication scheme " + challenge.scheme());
  }

  private Optional<String> authorization(RepositoryRef target, String scope) {
    Optional<String> token = tokens.cached(target.registry(), scope).map(t -> "Bearer " + t);
    if (token.isPresent() || !basicHosts.contains(target.registry())) {
      return token;
    }
    return credentials.lookup(target.registry()).map(RegistryTransport::basic);
  }

  private <T> HttpResponse<T> sendFollowingRedirects(
      RepositoryRef target,
      Call call,
      Optional<String> authorization,
      HttpResponse.BodyHandler<T> handler)
      throws TransientFailure {
    Call current = call;
    for (int hop = 0; ; hop++) {
      boolean sameHost = current.uri().getRawAuthority().equalsIgnoreCase(target.registry());
      HttpResponse<T> response =
          sendOnce(target, current, sameHost ? authorization : Optional.empty(), handler);
      int status = response.statusCode();
      boolean redirect =
          status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
      boolean read = current.method().equals("GET") || current.method().equals("HEAD");
      Optional<String> location = response.headers().firstValue("Location");
      if (!redirect || !read || location.isEmpty() || hop >= MAX_REDIRECTS) {
        return response;
      }
      // distribution answers blob reads of redirecting storage drivers with 307 to the storage;
      // the registry's credentials must not travel there.
      current = current.to(current.uri().resolve(location.get()), current.method());
    }
  }

  private <T> HttpResponse<T> sendOnce(
      RepositoryRef target,
      Call call,
      Optional<String> authorization,
      HttpResponse.BodyHandler<T> handler)
      throws TransientFailure {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri())
            .timeout(requestTimeout)
            .method(
                call.method(),
                call.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    if ("http".equals(call.uri().getScheme())) {
      // No h2c upgrade attempts against plain-HTTP registries.
      request.version(HttpClient.Version.HTTP_1_1);
    }
    call.headers().forEach(request::header);
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      return http.send(request.build(), handler);
    } catch (IOException e) {
      throw new TransientFailure(
          0, call.method() + " failed: " + BearerTokens.describe(e), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(target, 0, call.method() + " interrupted", e);
    }
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
              } catch (NumberFormatException e) {
                return null; // an HTTP date: use our own backoff
              }
            })
        .orElse(null);
  }

  static String basic(RegistryCredentials.Credential credential) {
    String pair = credential.username() + ":" + credential.password();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
