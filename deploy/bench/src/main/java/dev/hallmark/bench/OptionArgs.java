package dev.hallmark.bench;

import java.util.List;

/**
 * The {@code --name value} arguments of {@code stack bench} and {@code stack bench-notary}, read by
 * one loop so that both commands word their errors alike.
 */
final class OptionArgs {
  private OptionArgs() {}

  /** Sets one option on the options read so far. */
  @FunctionalInterface
  interface Setter<T> {
    /**
     * @throws IllegalArgumentException when {@code name} is unknown or {@code value} out of range
     */
    T apply(T options, String name, String value);
  }

  /**
   * @throws IllegalArgumentException naming the option that is unknown, lacks a value or is out of
   *     range
   */
  static <T> T parse(List<String> args, T defaults, Setter<T> setter) {
    T options = defaults;
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args.get(++i);
      options = setter.apply(options, name, value);
    }
    return options;
  }

  static IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException("unknown option " + name);
  }

  static int positiveInt(String name, String value, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1 && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be an integer from 1 to " + max);
  }

  static double positiveDouble(String name, String value) {
    try {
      double parsed = Double.parseDouble(value);
      if (parsed > 0 && Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive number");
  }
}
