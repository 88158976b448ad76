package dev.hallmark.deploy.local.infrastructure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a process whose stdout and stderr go to a log file. */
public final class ProcessLauncher {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ProcessLauncher() {}

  /**
   * @param detached start in a new session ({@code setsid}) so the process outlives this JVM and
   *     its terminal: used by the stack, never by tests (their processes die with the test JVM).
   */
  public static Process start(
      String component,
      List<String> command,
      Map<String, String> environment,
      Path workingDir,
      Path logFile,
      boolean detached) {
    List<String> full = new ArrayList<>();
    // setsid execs in place (this JVM's children are never process group leaders), so the pid of
    // the returned Process is the pid of the program itself.
    if (detached && Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .directory(workingDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      return builder.start();
    } catch (IOException e) {
      throw new ProcessStartException(
          component, "could not launch " + command.get(0) + ": " + e.getMessage(), null, e);
    }
  }

  /**
   * Runs a short command (initdb, storage format) to completion within a bounded time; its output
   * goes to the log file.
   *
   * @param description what the command does, for error messages (never the command line, which may
   *     name secret files)
   */
  static void runToCompletion(
      String component,
      String description,
      List<String> command,
      Path workingDir,
      Path logFile,
      Duration timeout) {
    Process process = start(component, command, Map.of(), workingDir, logFile, false);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ProcessStartException(
            component,
            description + " did not finish within " + timeout.toSeconds() + " s",
            LogTail.of(logFile),
            null);
      }
      if (process.exitValue() != 0) {
        throw new ProcessStartException(
            component,
            description + " failed with exit code " + process.exitValue(),
            LogTail.of(logFile),
            null);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ProcessStartException(component, description + " interrupted", null, e);
    }
  }
}
