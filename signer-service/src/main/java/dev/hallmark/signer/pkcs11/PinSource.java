package dev.hallmark.signer.pkcs11;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the user PIN of the token when it is needed, from {@code hallmark.signer.pkcs11.pin-file}
 * (first line, trailing whitespace ignored) or from the environment variable {@value #PIN_ENV}.
 * Callers wipe the returned array after use. Not both sources may be set: which one wins would be a
 * guess.
 */
public final class PinSource {
  /** Environment variable holding the user PIN itself, when no PIN file is configured. */
  public static final String PIN_ENV = "HALLMARK_PKCS11_PIN";

  private final String pinFile;
  private final Map<String, String> env;

  /**
   * @param pinFile the configured PIN file, or null
   * @param env the process environment ({@code System.getenv()})
   */
  public PinSource(String pinFile, Map<String, String> env) {
    this.pinFile = pinFile == null || pinFile.isBlank() ? null : pinFile;
    this.env = env;
  }

  /**
   * @throws PinUnavailableException if no PIN or both sources are configured, or the file is
   *     unreadable or empty
   */
  public char[] read() {
    String fromEnv = env.get(PIN_ENV);
    boolean envSet = fromEnv != null && !fromEnv.isEmpty();
    if (pinFile != null && envSet) {
      throw new PinUnavailableException(
          "both "
              + Pkcs11Properties.PREFIX
              + ".pin-file and "
              + PIN_ENV
              + " are set; keep one of them");
    }
    if (pinFile != null) {
      return fromFile(Path.of(pinFile));
    }
    if (envSet) {
      return fromEnv.toCharArray();
    }
    throw new PinUnavailableException(
        "no PKCS#11 user PIN: set "
            + Pkcs11Properties.PREFIX
            + ".pin-file (env HALLMARK_PKCS11_PIN_FILE) or "
            + PIN_ENV);
  }

  private static char[] fromFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PinUnavailableException(
          "cannot read the PIN file " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    try {
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
        end--;
      }
      if (end == 0) {
        throw new PinUnavailableException("the PIN file " + file + " is empty");
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
      char[] pin = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return pin;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
