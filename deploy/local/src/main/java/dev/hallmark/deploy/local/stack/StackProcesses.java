package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.OsProcesses;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds this stack's processes by their command line, which always names the stack directory. */
final class StackProcesses {
  private StackProcesses() {}

  static boolean isOurs(ProcessHandle process, StackLayout layout) {
    return OsProcesses.commandLine(process).contains(layout.root().toString());
  }

  /**
   * Every live process of this stack, except this JVM and its ancestors (e.g. the stack script).
   */
  static List<ProcessHandle> all(StackLayout layout) {
    Set<Long> excluded = new HashSet<>();
    for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
        p.isPresent();
        p = p.get().parent()) {
      excluded.add(p.get().pid());
    }
    return ProcessHandle.allProcesses()
        .filter(p -> !excluded.contains(p.pid()))
        .filter(p -> isOurs(p, layout))
        .toList();
  }
}
