package dev.hallmark.intake;

import io.micronaut.runtime.Micronaut;

/** Entry point of intake-service. */
public final class IntakeApplication {
  private IntakeApplication() {}

  public static void main(String[] args) {
    Micronaut.run(IntakeApplication.class, args);
  }
}
