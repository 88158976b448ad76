package dev.hallmark.deploy.local.stack;

import dev.hallmark.deploy.local.infrastructure.ConfigurationException;
import dev.hallmark.deploy.local.infrastructure.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * policy-service's decision key of the local stack: an Ed25519 key pair made on the first {@code
 * up} and kept, the private key (PKCS#8 PEM, 0600) for policy-service ({@code
 * HALLMARK_DECISION_KEY_FILE}), the public key (PEM) for signer-service and intake-service ({@code
 * HALLMARK_DECISION_PUBLIC_KEYS}), which act only on decisions it authenticated.
 */
public record DecisionKeyPair(Path privateKeyFile, Path publicKeyFile) {
  static final String COMPONENT = "decision key";

  /**
   * The pair in the stack's {@code keys/}, created if the private key does not exist. A private key
   * without its public key is an error: a new pair would not match the key a running policy-service
   * holds.
   */
  public static DecisionKeyPair createIfMissing(StackLayout layout) {
    return createIfMissing(
        layout.decisionPrivateKeyFile(), layout.decisionPublicKeyFile(), COMPONENT);
  }

  /** An Ed25519 pair in these files, created if the private key does not exist (see above). */
  public static DecisionKeyPair createIfMissing(
      Path privateKeyFile, Path publicKeyFile, String component) {
    DecisionKeyPair files = new DecisionKeyPair(privateKeyFile, publicKeyFile);
    if (Files.isRegularFile(files.privateKeyFile())) {
      if (!Files.isRegularFile(files.publicKeyFile())) {
        throw new ConfigurationException(
            component,
            files.publicKeyFile().toString(),
            "is missing beside its private key; run down, delete "
                + files.privateKeyFile()
                + " and run up again for a new pair");
      }
      return files;
    }
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    }
    try {
      Files.createDirectories(files.publicKeyFile().getParent());
      Files.writeString(files.publicKeyFile(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + files.publicKeyFile(), e);
    }
    // Last: its presence says the pair is complete.
    Secrets.writeOwnerOnly(
        files.privateKeyFile(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    return files;
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
