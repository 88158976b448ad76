package dev.hallmark.deploy.local.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI against a stand-in for registry-publisher's re-drive endpoint. */
class RedriveCommandTest {
  static final String REQUEST = "0b6c6a39-7c0e-4d4e-9d4f-0a4c1f9a2b11";
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final AtomicReference<String> seen = new AtomicReference<>();
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void run_accepted_postsWithTheAdminTokenAndExitsZero() throws Exception {
    String url = serve(202, "{\"requestId\":\"" + REQUEST + "\",\"publications\":1}");

    int exit = run(List.of(REQUEST), Map.of(RedriveCommand.URL, url, RedriveCommand.TOKEN, "t0k"));

    assertThat(exit).isZero();
    assertThat(seen.get())
        .isEqualTo("POST /api/v1/publications/" + REQUEST + "/redrive Bearer t0k");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"publications\":1");
  }

  @Test
  void run_refused_printsTheProblemAndExitsOne() throws Exception {
    String url = serve(409, "{\"status\":409,\"detail\":\"no FAILED publication\"}");

    int exit = run(List.of(REQUEST), Map.of(RedriveCommand.URL, url, RedriveCommand.TOKEN, "t0k"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("HTTP 409")
        .contains("no FAILED publication")
        .doesNotContain("t0k");
  }

  @Test
  void run_badUsage_exitsTwoWithoutCalling() {
    Map<String, String> settings =
        Map.of(RedriveCommand.URL, "http://127.0.0.1:1", RedriveCommand.TOKEN, "t");

    assertThat(run(List.of(), settings)).isEqualTo(2);
    assertThat(run(List.of("not-a-uuid"), settings)).isEqualTo(2);
    assertThat(run(List.of(REQUEST), Map.of())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(RedriveCommand.USAGE);
  }

  int run(List<String> args, Map<String, String> settings) {
    return RedriveCommand.run(
        args,
        settings,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String serve(int status, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.set(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
