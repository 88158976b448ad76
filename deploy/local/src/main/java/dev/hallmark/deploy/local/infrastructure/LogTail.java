package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, quoted in error messages so that a failure explains itself. */
public final class LogTail {
  public static final int DEFAULT_LINES = 20;

  /** Logs can grow large (a broker at INFO); only this much of the end is ever read. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  public static String of(Path file) {
    return of(file, DEFAULT_LINES);
  }

  public static String of(Path file, int lines) {
    if (file == null || !Files.isRegularFile(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(0, length - MAX_BYTES);
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return "(" + file + ")\n" + String.join("\n", last);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  /** An indented block to append to an exception message; empty if there is no tail. */
  static String section(String tail) {
    if (tail == null || tail.isBlank()) {
      return "";
    }
    return "\n--- last log lines " + tail.replace("\n", "\n    ");
  }
}
