package dev.hallmark.bench;

import java.util.List;

/**
 * Options of {@code stack bench}.
 *
 * @param images images per pipeline phase (and signature publications of the raw registry phase)
 * @param concurrency parallel clients: pushes, CI requests, raw publications
 * @param rate offered push rate (images/s) of the fixed-rate webhook phase; 0 means half the
 *     saturation rate measured in the same run
 * @param hsmSeconds how long the raw HSM phase signs
 * @param hsmThreads signing threads of the raw HSM phase
 * @param timeoutSeconds how long a phase waits for its last signature before giving up
 */
record BenchOptions(
    int images,
    int concurrency,
    double rate,
    double hsmSeconds,
    int hsmThreads,
    int timeoutSeconds) {

  static final String USAGE =
      """
      usage: stack bench [--images N] [--concurrency C] [--rate R] [--hsm-seconds S]
                         [--hsm-threads T] [--timeout-seconds S]
        --images N        images per pipeline phase (default 200)
        --concurrency C   parallel pushes / CI requests / raw publications (default 16)
        --rate R          offered push rate of the fixed-rate webhook phase, images/s
                          (default: half the saturation rate measured in this run)
        --hsm-seconds S   duration of the raw HSM phase (default 3)
        --hsm-threads T   signing threads of the raw HSM phase (default 2)
        --timeout-seconds S  how long a phase waits for its last signature (default 300)""";

  static BenchOptions defaults() {
    return new BenchOptions(200, 16, 0, 3, 2, 300);
  }

  /**
   * @throws IllegalArgumentException naming the option that is unknown, lacks a value or is out of
   *     range
   */
  static BenchOptions parse(List<String> args) {
    return OptionArgs.parse(
        args,
        defaults(),
        (options, name, value) ->
            switch (name) {
              case "--images" -> options.withImages(OptionArgs.positiveInt(name, value, 1_000_000));
              case "--concurrency" ->
                  options.withConcurrency(OptionArgs.positiveInt(name, value, 512));
              case "--rate" -> options.withRate(OptionArgs.positiveDouble(name, value));
              case "--hsm-seconds" ->
                  options.withHsmSeconds(OptionArgs.positiveDouble(name, value));
              case "--hsm-threads" ->
                  options.withHsmThreads(OptionArgs.positiveInt(name, value, 64));
              case "--timeout-seconds" ->
                  options.withTimeoutSeconds(OptionArgs.positiveInt(name, value, 86_400));
              default -> throw OptionArgs.unknown(name);
            });
  }

  BenchOptions withImages(int value) {
    return new BenchOptions(value, concurrency, rate, hsmSeconds, hsmThreads, timeoutSeconds);
  }

  BenchOptions withConcurrency(int value) {
    return new BenchOptions(images, value, rate, hsmSeconds, hsmThreads, timeoutSeconds);
  }

  BenchOptions withRate(double value) {
    return new BenchOptions(images, concurrency, value, hsmSeconds, hsmThreads, timeoutSeconds);
  }

  BenchOptions withHsmSeconds(double value) {
    return new BenchOptions(images, concurrency, rate, value, hsmThreads, timeoutSeconds);
  }

  BenchOptions withHsmThreads(int value) {
    return new BenchOptions(images, concurrency, rate, hsmSeconds, value, timeoutSeconds);
  }

  BenchOptions withTimeoutSeconds(int value) {
    return new BenchOptions(images, concurrency, rate, hsmSeconds, hsmThreads, value);
  }
}
