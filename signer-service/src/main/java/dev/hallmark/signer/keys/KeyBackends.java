package dev.hallmark.signer.keys;

import dev.hallmark.signer.pkcs11.PinSource;
import dev.hallmark.signer.pkcs11.Pkcs11Properties;
import dev.hallmark.signer.pkcs11.Pkcs11Token;
import dev.hallmark.signer.signers.KeyFileException;
import dev.hallmark.signer.signers.Signer;
import dev.hallmark.signer.signers.SoftwareSigner;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Turns a key's configuration into a {@link Signer} of its backend. The PKCS#11 token is opened
 * (and logged in) on first use only, so a service with software keys alone needs no HSM.
 */
@Singleton
public class KeyBackends {
  private final Pkcs11Properties pkcs11;
  private final Clock clock;
  private Pkcs11Token token;

  KeyBackends(Pkcs11Properties pkcs11, Clock clock) {
    this.pkcs11 = pkcs11;
    this.clock = clock;
  }

  /**
   * Loads the key, generating it in the token if it is missing and may be created.
   *
   * @throws KeyMissingException if a PKCS#11 key is missing and {@code create-if-missing} is false
   */
  public synchronized Signer load(KeyProperties key) {
    return switch (key.backend()) {
      case PKCS11 -> {
        Pkcs11Token token = token();
        yield token
            .find(key.label(), key.algorithmOrDefault())
            .orElseGet(
                () -> {
                  if (!key.createIfMissingOrDefault()) {
                    throw new KeyMissingException(key.id(), key.label(), token.description());
                  }
                  return token.generate(key.label(), key.algorithmOrDefault());
                });
      }
      case SOFTWARE ->
          key.pemFile() != null && !key.pemFile().isBlank()
              ? SoftwareSigner.fromPem(Path.of(key.pemFile()), key.algorithmOrDefault())
              : fromPkcs12(key);
    };
  }

  @PreDestroy
  synchronized void close() {
    if (token != null) {
      token.close();
      token = null;
    }
  }

  private Pkcs11Token token() {
    if (token == null) {
      token = Pkcs11Token.open(pkcs11, new PinSource(pkcs11.pinFile(), System.getenv()), clock);
    }
    return token;
  }

  private static Signer fromPkcs12(KeyProperties key) {
    Path passwordFile = Path.of(key.passwordFile());
    char[] password = readFirstLine(passwordFile);
    try {
      return SoftwareSigner.fromPkcs12(
          Path.of(key.pkcs12File()), password, key.alias(), key.algorithmOrDefault());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static char[] readFirstLine(Path file) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      int end = content.indexOf('\n');
      return (end < 0 ? content : content.substring(0, end)).stripTrailing().toCharArray();
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read the password file", e);
    }
  }
}
