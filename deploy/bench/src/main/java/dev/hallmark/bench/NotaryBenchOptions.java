package dev.hallmark.bench;

import java.util.List;

/**
 * Options of {@code stack bench-notary}.
 *
 * @param tags tags each phase publishes
 * @param concurrency parallel CI clients of the Hallmark phase; the notary CLI phases always run
 *     one command at a time, because the client keeps its change list in its trust directory
 * @param timeoutSeconds how long a phase (and the wait for the auto-signed push) may take
 */
record NotaryBenchOptions(int tags, int concurrency, int timeoutSeconds) {

  /**
   * Every tag stays in the demo repository's trust data until notary-server restarts, and every
   * {@code notary list} reads all of them: runs far larger would mostly measure listing.
   */
  static final int MAX_TAGS = 10_000;

  static final String USAGE =
      """
      usage: stack bench-notary [--tags N] [--concurrency C] [--timeout-seconds S]
        --tags N             tags per phase (default 50)
        --concurrency C      parallel CI requests of the Hallmark phase (default 1)
        --timeout-seconds S  how long a phase may take (default 300)""";

  static NotaryBenchOptions defaults() {
    return new NotaryBenchOptions(50, 1, 300);
  }

  /**
   * @throws IllegalArgumentException naming the option that is unknown, lacks a value or is out of
   *     range
   */
  static NotaryBenchOptions parse(List<String> args) {
    return OptionArgs.parse(
        args,
        defaults(),
        (options, name, value) ->
            switch (name) {
              case "--tags" ->
                  new NotaryBenchOptions(
                      OptionArgs.positiveInt(name, value, MAX_TAGS),
                      options.concurrency(),
                      options.timeoutSeconds());
              case "--concurrency" ->
                  new NotaryBenchOptions(
                      options.tags(),
                      OptionArgs.positiveInt(name, value, 512),
                      options.timeoutSeconds());
              case "--timeout-seconds" ->
                  new NotaryBenchOptions(
                      options.tags(),
                      options.concurrency(),
                      OptionArgs.positiveInt(name, value, 86_400));
              default -> throw OptionArgs.unknown(name);
            });
  }
}
