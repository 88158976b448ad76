package dev.hallmark.deploy.local;

import java.nio.file.Path;

/** The java launcher of the running JVM, used for every JVM the launcher starts. */
final class JavaRuntime {
  private JavaRuntime() {}

  static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
