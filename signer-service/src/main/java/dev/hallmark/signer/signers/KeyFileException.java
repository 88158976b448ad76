package dev.hallmark.signer.signers;

import java.nio.file.Path;

/** A key file of the software backend is missing, unreadable, or not a usable key. */
public final class KeyFileException extends RuntimeException {
  private final Path file;

  public KeyFileException(Path file, String problem) {
    this(file, problem, null);
  }

  public KeyFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
