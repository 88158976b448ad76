package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signals and bounded waits on OS processes, whether or not this JVM started them. */
public final class OsProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(OsProcesses.class);
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(50);

  private OsProcesses() {}

  public static Optional<ProcessHandle> alive(long pid) {
    return ProcessHandle.of(pid).filter(OsProcesses::isAlive);
  }

  /**
   * Alive and not a zombie. A detached process that exits is reparented to PID 1, and until that
   * reaps it (some container inits do so only every few seconds) {@link ProcessHandle#isAlive()}
   * still says true, although the process holds no port and runs no code any more.
   */
  public static boolean isAlive(ProcessHandle process) {
    return process.isAlive() && !isZombie(process.pid());
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (comm) S ...": comm may contain spaces and parentheses, the state follows the last
      // ')'.
      String afterComm = stat.substring(stat.lastIndexOf(')') + 1).trim();
      return afterComm.startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Sends a signal. {@link ProcessHandle#destroy()} can only send TERM and KILL, so INT goes
   * through the {@code kill} program; the call is bounded like everything else.
   */
  public static void signal(long pid, Signal signal) {
    if (signal == Signal.KILL) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      return;
    }
    if (signal == Signal.TERM) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      return;
    }
    try {
      Process kill =
          new ProcessBuilder(List.of("kill", "-s", signal.name(), Long.toString(pid)))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      LOG.warn("could not send {} to {}: {}", signal, pid, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until the process is gone; true if it is. Polls instead of {@code onExit()}, which for
   * processes that are not our children only notices an exit with a delay of up to seconds.
   */
  public static boolean awaitExit(ProcessHandle process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive(process)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isAlive(process);
      }
    }
    return true;
  }

  /**
   * Graceful signal, bounded wait, then SIGKILL of the process and of whatever it forked (the
   * children of a killed postmaster or JVM must not linger), bounded again.
   *
   * @return true if the graceful signal was enough
   * @throws ProcessStopException if the process survives SIGKILL
   */
  public static boolean stop(String component, long pid, Signal graceful, Duration grace) {
    Optional<ProcessHandle> found = alive(pid);
    if (found.isEmpty()) {
      return true;
    }
    ProcessHandle process = found.get();
    signal(pid, graceful);
    if (awaitExit(process, grace)) {
      return true;
    }
    LOG.warn("{} (pid {}) did not stop within {} s; sending SIGKILL", component, pid, grace);
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(process, AFTER_KILL)) {
      throw new ProcessStopException(component, pid);
    }
    return false;
  }

  /** The full command line, or empty when the OS does not tell (then nothing is assumed ours). */
  public static String commandLine(ProcessHandle process) {
    return process.info().commandLine().orElse("");
  }
}
