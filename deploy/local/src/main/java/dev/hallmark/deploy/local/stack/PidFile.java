package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.OsProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code .local-stack/pids/<component>.pid}: the pid of a process the stack started. */
public final class PidFile {
  private PidFile() {}

  static void write(Path file, long pid) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, pid + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** The pid in the file, or empty if it is missing or holds no number. */
  public static Optional<Long> read(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The live process recorded in the file, if it is still one of this stack's (its command line
   * names the stack directory): a pid reused by an unrelated process is never treated as ours.
   */
  static Optional<ProcessHandle> liveProcess(Path file, StackLayout layout) {
    return read(file)
        .flatMap(OsProcesses::alive)
        .filter(process -> StackProcesses.isOurs(process, layout));
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + file, e);
    }
  }
}
