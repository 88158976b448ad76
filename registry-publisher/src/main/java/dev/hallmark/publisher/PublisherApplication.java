package dev.hallmark.publisher;

import io.micronaut.runtime.Micronaut;

/** Entry point of registry-publisher. */
public final class PublisherApplication {
  private PublisherApplication() {}

  public static void main(String[] args) {
    Micronaut.run(PublisherApplication.class, args);
  }
}
