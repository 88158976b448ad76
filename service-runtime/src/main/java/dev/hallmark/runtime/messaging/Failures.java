package dev.hallmark.runtime.messaging;

/** Reasons to park, from failures: class simple name and message, never payload or stack. */
final class Failures {
  private Failures() {}

  static String gaveUp(int attempts, RuntimeException failure) {
    return "not applied after " + attempts + " attempts: " + describe(failure);
  }

  static String describe(RuntimeException failure) {
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}
