package dev.hallmark.deploy.local.stack;

import java.io.PrintStream;
import java.util.List;

/** The table printed by {@code up} and {@code status}. */
final class StackSummary {
  record Row(String component, String pid, String port, String state) {}

  private static final String FORMAT = "%-20s %-8s %-6s %s%n";

  private StackSummary() {}

  static void print(PrintStream out, List<Row> rows) {
    out.printf(FORMAT, "COMPONENT", "PID", "PORT", "STATE");
    for (Row row : rows) {
      out.printf(FORMAT, row.component(), row.pid(), row.port(), row.state());
    }
  }
}
