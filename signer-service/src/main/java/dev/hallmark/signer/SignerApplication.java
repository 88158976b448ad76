package dev.hallmark.signer;

import io.micronaut.runtime.Micronaut;

/** Entry point of signer-service. */
public final class SignerApplication {
  private SignerApplication() {}

  public static void main(String[] args) {
    Micronaut.run(SignerApplication.class, args);
  }
}
