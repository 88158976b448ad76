package dev.hallmark.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory registry on the JDK HttpServer, speaking the parts of the distribution API the
 * client uses, with switchable authentication (none, Basic, Bearer token service on the same
 * server) and injectable failures. Unit tests only; the IT uses the real docker-registry.
 */
final class FakeRegistry implements AutoCloseable {
  enum Auth {
    NONE,
    BASIC,
    BEARER
  }

  record Stored(String mediaType, byte[] content) {}

  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final Map<String, Stored> manifests = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  volatile int failureStatus = 503;
  volatile String retryAfter;
  volatile boolean omitDigestHeader;
  volatile String lyingDigestHeader;
  volatile byte[] corruptBlob;
  volatile Auth auth = Auth.NONE;
  volatile String username = "ci";
  volatile String password = "s3cret-pass";
  private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
  private final HttpServer server;

  FakeRegistry() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  RepositoryRef repo(String name) {
    return new RepositoryRef(hostPort(), name);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.equals("/token")) {
        token(exchange, query);
        return;
      }
      requests.add(method + " " + path);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(authorization == null ? "" : authorization);
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        if (retryAfter != null) {
          exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        send(exchange, failureStatus, null);
        return;
      }
      String name = repositoryOf(path);
      boolean write = !method.equals("GET") && !method.equals("HEAD");
      if (!authorized(exchange, authorization, name, write)) {
        return;
      }
      if (path.contains("/manifests/")) {
        manifest(exchange, method, name, path.substring(path.indexOf("/manifests/") + 11), body);
      } else if (path.contains("/blobs/uploads/")) {
        upload(exchange, method, name, path, query, body);
      } else if (path.contains("/blobs/")) {
        blob(exchange, method, path.substring(path.indexOf("/blobs/") + 7));
      } else {
        send(exchange, 404, null);
      }
    }
  }

  private boolean authorized(HttpExchange exchange, String header, String name, boolean write)
      throws IOException {
    switch (auth) {
      case NONE -> {
        return true;
      }
      case BASIC -> {
        if (basic().equals(header)) {
          return true;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
      }
      case BEARER -> {
        String scope = "repository:" + name + ":" + (write ? "pull,push" : "pull");
        if (header != null
            && header.startsWith("Bearer ")
            && scopeCovers(issuedTokens.get(header.substring(7)), scope)) {
          return true;
        }
        exchange
            .getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer realm=\"http://"
                    + hostPort()
                    + "/token\",service=\"fake-registry\",scope=\""
                    + scope
                    + "\"");
      }
    }
    send(
        exchange,
        401,
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
    return false;
  }

  private static boolean scopeCovers(String granted, String wanted) {
    return granted != null && (granted.equals(wanted) || granted.endsWith(":pull,push"));
  }

  private void token(HttpExchange exchange, String query) throws IOException {
    Map<String, String> params = params(query);
    tokenRequests.add(params.get("scope"));
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (!basic().equals(header)) {
      send(exchange, 401, "{\"details\":\"incorrect username or password\"}");
      return;
    }
    String token = "tok-" + UUID.randomUUID();
    issuedTokens.put(token, params.get("scope"));
    send(exchange, 200, "{\"token\":\"" + token + "\",\"expires_in\":300}");
  }

  private void manifest(HttpExchange exchange, String method, String name, String ref, byte[] body)
      throws IOException {
    String key = name + "@" + ref;
    switch (method) {
      case "PUT" -> {
        String mediaType = exchange.getRequestHeaders().getFirst("Content-Type");
        String digest = Digests.sha256(body);
        String text = new String(body, StandardCharsets.UTF_8);
        for (String blobDigest : digestsIn(text)) {
          if (!blobs.containsKey(blobDigest)) {
            send(
                exchange,
                400,
                "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to"
                    + " registry\"}]}");
            return;
          }
        }
        manifests.put(key, new Stored(mediaType, body));
        manifests.put(name + "@" + digest, new Stored(mediaType, body));
        exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
        exchange.getResponseHeaders().add("Location", "/v2/" + name + "/manifests/" + digest);
        send(exchange, 201, null);
      }
      case "GET", "HEAD" -> {
        Stored stored = manifests.get(key);
        if (stored == null) {
          send(
              exchange,
              404,
              "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
          return;
        }
        exchange.getResponseHeaders().add("Content-Type", stored.mediaType());
        if (!omitDigestHeader) {
          exchange
              .getResponseHeaders()
              .add(
                  "Docker-Content-Digest",
                  lyingDigestHeader != null ? lyingDigestHeader : Digests.sha256(stored.content()));
        }
        if (method.equals("HEAD")) {
          exchange.getResponseHeaders().add("Content-Length", "" + stored.content().length);
          exchange.sendResponseHeaders(200, -1);
        } else {
          send(exchange, 200, stored.content());
        }
      }
      default -> send(exchange, 405, null);
    }
  }

  private void upload(
      HttpExchange exchange, String method, String name, String path, String query, byte[] body)
      throws IOException {
    if (method.equals("POST")) {
      exchange
          .getResponseHeaders()
          .add("Location", "/v2/" + name + "/blobs/uploads/" + UUID.randomUUID() + "?_state=xyz");
      send(exchange, 202, null);
      return;
    }
    Map<String, String> params = params(query);
    if (!"xyz".equals(params.get("_state")) || params.get("digest") == null) {
      send(exchange, 400, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}");
      return;
    }
    String digest = params.get("digest");
    if (!digest.equals(Digests.sha256(body))) {
      send(exchange, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}");
      return;
    }
    blobs.put(digest, body);
    exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    send(exchange, 201, null);
  }

  private void blob(HttpExchange exchange, String method, String digest) throws IOException {
    byte[] content = blobs.get(digest);
    if (content == null) {
      send(exchange, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}");
      return;
    }
    if (method.equals("HEAD")) {
      exchange.getResponseHeaders().add("Content-Length", "" + content.length);
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    send(exchange, 200, corruptBlob != null ? corruptBlob : content);
  }

  private String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String repositoryOf(String path) {
    String rest = path.startsWith("/v2/") ? path.substring(4) : path;
    for (String marker : List.of("/manifests/", "/blobs/")) {
      int at = rest.indexOf(marker);
      if (at >= 0) {
        return rest.substring(0, at);
      }
    }
    return rest;
  }

  private static List<String> digestsIn(String json) {
    List<String> digests = new ArrayList<>();
    var matcher = java.util.regex.Pattern.compile("sha256:[a-f0-9]{64}").matcher(json);
    while (matcher.find()) {
      digests.add(matcher.group());
    }
    return digests;
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new HashMap<>();
    if (query == null) {
      return params;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes =
        body == null
            ? new byte[0]
            : body instanceof byte[] b ? b : body.toString().getBytes(StandardCharsets.UTF_8);
    if (body != null && !(body instanceof byte[])) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }
}
