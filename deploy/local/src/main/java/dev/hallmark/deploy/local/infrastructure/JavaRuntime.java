package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Path;

/** The java launcher of the running JVM, used for every JVM the launcher starts. */
public final class JavaRuntime {
  private JavaRuntime() {}

  public static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
