package dev.hallmark.policy;

import io.micronaut.runtime.Micronaut;

/** Entry point of policy-service. */
public final class PolicyApplication {
  private PolicyApplication() {}

  public static void main(String[] args) {
    Micronaut.run(PolicyApplication.class, args);
  }
}
