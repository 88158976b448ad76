package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.Secrets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code .local-stack/stack.env}: {@code KEY=value} lines a shell can source, for e2e tests and
 * humans. The one place the database password is written besides its secret file; mode 0600.
 */
public final class StackEnvFile {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+,=-]*");

  private StackEnvFile() {}

  static void write(Path file, Map<String, String> values) {
    Secrets.writeOwnerOnly(file, render(values));
  }

  /** Reads what {@link #write} wrote (KEY=value lines, values optionally single-quoted). */
  public static Map<String, String> read(Path file) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    try {
      for (String line : java.nio.file.Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (line.startsWith("#") || eq <= 0) {
          continue;
        }
        String value = line.substring(eq + 1);
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
          value = value.substring(1, value.length() - 1).replace("'\\''", "'");
        }
        values.put(line.substring(0, eq), value);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return values;
  }

  static String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder("# Written by deploy/local/stack up; source it.\n");
    values.forEach(
        (key, value) -> out.append(key).append('=').append(shellValue(value)).append('\n'));
    return out.toString();
  }

  /** Unquoted when safe (all generated values are), else single-quoted. */
  static String shellValue(String value) {
    if (SHELL_SAFE.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
