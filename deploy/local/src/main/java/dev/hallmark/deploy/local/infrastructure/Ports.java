package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Port checks on the loopback interface, where every process of the local stack listens. */
public final class Ports {
  public static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** Ports this JVM handed out: never twice, as components start in parallel. */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  /**
   * A port that is free right now and was not handed out before by this JVM. Kafka needs its port
   * before it starts (advertised listener, controller quorum), so "port 0" cannot be left to the
   * process; the short race with other processes is accepted.
   */
  public static synchronized int freePort() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
        int port = socket.getLocalPort();
        if (HANDED_OUT.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free port on " + LOOPBACK, e);
      }
    }
    throw new IllegalStateException("no new free port on " + LOOPBACK + " after 20 attempts");
  }

  /**
   * {@code requested} after checking that it is free, or a free port when it is 0.
   *
   * @throws PortInUseException if the requested port is taken
   */
  public static int resolve(String component, int requested, String howToFix) {
    if (requested == 0) {
      return freePort();
    }
    requireFree(component, requested, howToFix);
    return requested;
  }

  /** Whether a server could bind 127.0.0.1:port now (also false if bound on 0.0.0.0). */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:port. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getByName(LOOPBACK), port),
          (int) Duration.ofSeconds(1).toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with {@link PortInUseException} unless the port is free. */
  public static void requireFree(String component, int port, String howToFix) {
    if (!isFree(port)) {
      throw new PortInUseException(component, port, howToFix);
    }
  }
}
