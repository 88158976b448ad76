package dev.hallmark.audit.tail;

import java.util.List;

/**
 * What {@code audit tail} was asked for.
 *
 * @param bootstrapServers Kafka's {@code host:port[,host:port…]}
 * @param start where on the topic to begin
 * @param follow keep waiting for new entries; otherwise stop at the end the topic had at start
 * @param json one JSON object per line instead of the text line
 */
public record TailOptions(String bootstrapServers, Start start, boolean follow, boolean json) {

  static final String USAGE =
      "usage: AuditTailCommand --bootstrap-server <host:port> [--from-beginning | --from-seq <n>]"
          + " [--follow] [--json]\n"
          + "  prints one line per audit ledger entry and checkpoint on hallmark.audit.v1;\n"
          + "  without --from-beginning or --from-seq it prints new entries as they arrive,\n"
          + "  with them it prints what the topic holds and exits, unless --follow";

  /** Where to begin reading. */
  public sealed interface Start {
    /** Only what arrives from now on. */
    record End() implements Start {}

    /** Everything the topic still holds. */
    record Beginning() implements Start {}

    /** Entries from this sequence on, and the checkpoints that cover them. */
    record FromSequence(long sequence) implements Start {}

    /** From this topic offset on (tests that share a topic start where their records do). */
    record FromOffset(long offset) implements Start {}
  }

  /**
   * Reads the command line.
   *
   * @throws UsageException naming the option that is missing, unknown or malformed
   */
  public static TailOptions parse(List<String> args) {
    String bootstrap = null;
    Start start = null;
    boolean follow = false;
    boolean json = false;
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      switch (option) {
        case "--bootstrap-server" -> bootstrap = value(args, ++i, option);
        case "--from-beginning" -> start = once(start, new Start.Beginning(), option);
        case "--from-seq" ->
            start = once(start, new Start.FromSequence(sequence(args, ++i)), option);
        case "--follow" -> follow = true;
        case "--json" -> json = true;
        default -> throw new UsageException("unknown option " + option);
      }
    }
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new UsageException("--bootstrap-server is required");
    }
    if (start == null) {
      // Only new entries: exiting at the end would print nothing, so this always follows.
      return new TailOptions(bootstrap, new Start.End(), true, json);
    }
    return new TailOptions(bootstrap, start, follow, json);
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(index);
  }

  private static long sequence(List<String> args, int index) {
    String text = value(args, index, "--from-seq");
    try {
      long sequence = Long.parseLong(text);
      if (sequence >= 0) {
        return sequence;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "--from-seq must be a sequence number (0 or more), not '" + text + "'");
  }

  private static Start once(Start before, Start start, String option) {
    if (before != null) {
      throw new UsageException(option + ": give only one of --from-beginning and --from-seq");
    }
    return start;
  }

  /** A command line that cannot be used; the message names the option. */
  public static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }
}
