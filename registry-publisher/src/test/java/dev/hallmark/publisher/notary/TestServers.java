package dev.hallmark.publisher.notary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** The two HTTP peers of registry-publisher's Notary path in its integration test. */
final class TestServers {
  private TestServers() {}

  /**
   * Stands in for signer-service's {@code POST /api/v1/notary/signatures}: signs every proposal
   * with the test delegation key and keeps the proposals, so tests can see what was asked.
   * signer-service's own checks of a proposal are tested in signer-service.
   */
  static final class Signer implements AutoCloseable {
    final List<JsonNode> proposals = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    Signer(TestDelegationKey key) throws IOException {
      ObjectMapper json = new ObjectMapper();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.createContext(
          "/api/v1/notary/signatures",
          exchange -> {
            try {
              JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
              proposals.add(request);
              byte[] signed = Base64.getDecoder().decode(request.path("signed").asText());
              respond(exchange, 200, json.writeValueAsBytes(key.sign(signed)));
            } catch (Exception e) {
              respond(exchange, 500, "{}".getBytes(StandardCharsets.UTF_8));
            }
          });
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * A Notary server that is not to be trusted: it forwards to the real one, except for the paths a
   * test replaces (a rolled-back timestamp, a document signed by another key).
   */
  static final class HostileProxy implements AutoCloseable {
    final Map<String, byte[]> replaced = new ConcurrentHashMap<>();

    /** Answer every request 503, as a Notary server that is down behind a load balancer. */
    volatile boolean down;

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    HostileProxy(URI upstream) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.createContext(
          "/",
          exchange -> {
            try {
              if (down) {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, 503, new byte[0]);
                return;
              }
              String path = exchange.getRequestURI().getRawPath();
              byte[] replacement = replaced.get(path);
              if (replacement != null && "GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 200, replacement);
                return;
              }
              HttpRequest.Builder forward =
                  HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()));
              String type = exchange.getRequestHeaders().getFirst("Content-Type");
              if (type != null) {
                forward.header("Content-Type", type);
              }
              byte[] body = exchange.getRequestBody().readAllBytes();
              forward.method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
              HttpResponse<byte[]> answer =
                  http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
              respond(exchange, answer.statusCode(), answer.body());
            } catch (Exception e) {
              respond(exchange, 502, new byte[0]);
            }
          });
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
