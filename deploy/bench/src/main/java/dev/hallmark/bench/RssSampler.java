package dev.hallmark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Peak resident memory of each stack process during the run. A process counts with its children
 * (PostgreSQL's backends), sampled from {@code /proc/<pid>/status} ({@code VmRSS}) every 250 ms;
 * for a single process {@code VmHWM}, the kernel's own high-water mark, is used when it is higher.
 * Summing children double-counts PostgreSQL's shared buffers, so its figure is an upper bound.
 */
final class RssSampler implements AutoCloseable {
  private static final long INTERVAL_MS = 250;

  /** USER_HZ, 100 on every Linux architecture this runs on. */
  private static final int CLOCK_TICKS = 100;

  private final Map<String, Long> pids;
  private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
  private final Map<String, Long> cpuTicksAtStart = new ConcurrentHashMap<>();
  private final Map<String, Long> cpuTicksSeen = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  RssSampler(Map<String, Long> pids) {
    this.pids = Map.copyOf(pids);
    pids.forEach((name, pid) -> cpuTicksAtStart.put(name, treeCpuTicks(pid)));
    sampler = new Thread(this::loop, "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void loop() {
    while (running) {
      sampleOnce();
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void sampleOnce() {
    pids.forEach(
        (name, pid) -> {
          long kb = treeRssKb(pid);
          if (kb > 0) {
            peakKb.merge(name, kb, Math::max);
          }
          cpuTicksSeen.merge(name, treeCpuTicks(pid), Math::max);
        });
  }

  /** Peak RSS in MB per component name. */
  Map<String, Double> peakMb() {
    Map<String, Double> result = new TreeMap<>();
    peakKb.forEach((name, kb) -> result.put(name, Math.round(kb / 102.4) / 10.0));
    return result;
  }

  /**
   * CPU seconds each process (with its live children) used since the sampler started: where the
   * machine's two cores went during the run. Children that exited meanwhile are not counted.
   */
  Map<String, Double> cpuSeconds() {
    Map<String, Double> result = new TreeMap<>();
    cpuTicksSeen.forEach(
        (name, ticks) ->
            result.put(
                name,
                Math.max(0, ticks - cpuTicksAtStart.getOrDefault(name, 0L))
                    / (double) CLOCK_TICKS));
    return result;
  }

  /** utime + stime of the process and its live descendants, in clock ticks. */
  private static long treeCpuTicks(long pid) {
    return cpuTicks(pid)
        + ProcessHandle.of(pid).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToLong(child -> cpuTicks(child.pid()))
            .sum();
  }

  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long treeRssKb(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    long own = Math.max(field(status, "VmRSS:"), field(status, "VmHWM:"));
    long children =
        ProcessHandle.of(pid).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToLong(
                child -> field(Path.of("/proc", Long.toString(child.pid()), "status"), "VmRSS:"))
            .sum();
    return own + children;
  }

  private static long field(Path status, String name) {
    try (Stream<String> lines = Files.lines(status)) {
      return lines
          .filter(line -> line.startsWith(name))
          .findFirst()
          .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]))
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join(2_000);
    sampleOnce();
  }
}
