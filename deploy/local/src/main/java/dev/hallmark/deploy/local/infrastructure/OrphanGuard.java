package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Stops a child process when this JVM dies without running its shutdown hooks, e.g. when failsafe
 * kills a stuck test fork: a tiny {@code sh} blocks reading a pipe from this JVM; when the JVM is
 * gone the pipe closes, {@code read} returns and the guard signals the child (then SIGKILLs it if
 * it is still there 15 s later). A normal stop closes the guard first, so it never fires on a pid
 * that has since been reused.
 */
final class OrphanGuard implements AutoCloseable {
  private static final String SCRIPT =
      "read -r _ignored; kill -s \"$1\" \"$2\" 2>/dev/null; sleep 15;"
          + " kill -0 \"$2\" 2>/dev/null && kill -s KILL \"$2\"; exit 0";

  private final Process guard;

  private OrphanGuard(Process guard) {
    this.guard = guard;
  }

  static OrphanGuard watch(long pid, Signal signal) {
    try {
      Process guard =
          new ProcessBuilder(
                  List.of("sh", "-c", SCRIPT, "hallmark-orphan-guard", signal.name(), "" + pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new OrphanGuard(guard);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the orphan guard for pid " + pid, e);
    }
  }

  @Override
  public void close() {
    // Killed while blocked in read, the guard never reaches its kill commands.
    guard.destroyForcibly();
  }
}
