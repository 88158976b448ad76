package dev.hallmark.deploy.local.deadletters;

import dev.hallmark.schemas.topics.Services;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The command line of {@code stack dlt}: {@code list|replay SERVICE [--json] [--offset N]
 * [--partition P] [--bootstrap-server HOST:PORT]}.
 */
record DeadLetterOptions(
    Action action,
    String service,
    boolean json,
    OptionalLong offset,
    int partition,
    Optional<String> bootstrapServers) {

  static final String USAGE =
      "usage: stack dlt list SERVICE [--json] [--bootstrap-server HOST:PORT]\n"
          + "       stack dlt replay SERVICE [--offset N [--partition P]]"
          + " [--bootstrap-server HOST:PORT]\n"
          + "  list    one line per dead letter of SERVICE: offset, source topic-partition@offset,\n"
          + "          event type, time parked, pending|replayed, reason\n"
          + "  replay  write every dead letter not replayed before back to its source topic,\n"
          + "          with its original key, value and headers; --offset N replays just one\n"
          + "  SERVICE one of "
          + String.join(", ", Services.ALL);

  enum Action {
    LIST,
    REPLAY
  }

  /** A command line this command cannot use; its message says why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static DeadLetterOptions parse(List<String> args) throws UsageException {
    if (args.size() < 2) {
      throw new UsageException("stack dlt needs an action and a service");
    }
    Action action =
        switch (args.get(0)) {
          case "list" -> Action.LIST;
          case "replay" -> Action.REPLAY;
          default -> throw new UsageException("unknown action '" + args.get(0) + "'");
        };
    String service = args.get(1);
    if (!Services.ALL.contains(service)) {
      throw new UsageException("unknown service '" + service + "'");
    }
    boolean json = false;
    OptionalLong offset = OptionalLong.empty();
    int partition = 0;
    Optional<String> bootstrap = Optional.empty();
    for (int i = 2; i < args.size(); i++) {
      String option = args.get(i);
      switch (option) {
        case "--json" -> json = true;
        case "--offset" -> offset = OptionalLong.of(number(option, value(args, ++i, option)));
        case "--partition" -> partition = (int) number(option, value(args, ++i, option));
        case "--bootstrap-server" -> bootstrap = Optional.of(value(args, ++i, option));
        default -> throw new UsageException("unknown option '" + option + "'");
      }
    }
    if (json && action != Action.LIST) {
      throw new UsageException("--json is an option of list");
    }
    if (offset.isPresent() && action != Action.REPLAY) {
      throw new UsageException("--offset is an option of replay");
    }
    return new DeadLetterOptions(action, service, json, offset, partition, bootstrap);
  }

  private static String value(List<String> args, int at, String option) throws UsageException {
    if (at >= args.size()) {
      throw new UsageException(option + " needs a value");
    }
    return args.get(at);
  }

  private static long number(String option, String value) throws UsageException {
    try {
      long number = Long.parseLong(value);
      if (number < 0) {
        throw new UsageException(option + " must not be negative");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be an integer");
    }
  }
}
