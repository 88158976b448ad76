package dev.hallmark.signer.keys;

import dev.hallmark.signer.pkcs11.Pkcs11Token;
import dev.hallmark.signer.signers.SigningAlgorithm;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One signing key, {@code hallmark.signer.keys.<id>}. The id is the name used everywhere else
 * (policy decisions' {@code keyId}, the HTTP API, the {@code signing_key} table).
 *
 * <pre>
 * hallmark:
 *   signer:
 *     keys:
 *       demo-cosign:
 *         backend: pkcs11            # pkcs11 | software
 *         algorithm: ECDSA_P256      # ECDSA_P256 (default) | RSA_2048 | RSA_3072
 *         label: hallmark-demo-cosign
 *         create-if-missing: true
 *       dev-key:
 *         backend: software
 *         pem-file: /path/key.pem    # or pkcs12-file + password-file (+ alias)
 * </pre>
 *
 * @param id the map key under {@code hallmark.signer.keys}: 1-64 of {@code [a-z0-9._-]}, starting
 *     with a letter or digit
 * @param backend {@code backend}: {@code pkcs11} or {@code software}; required
 * @param algorithm {@code algorithm}: {@code ECDSA_P256} (default), {@code RSA_2048} or {@code
 *     RSA_3072}; an existing key of another type is refused
 * @param label {@code label} (pkcs11): the key's label in the token (KeyStore alias, {@code
 *     CKA_LABEL} and {@code CKA_ID}); required for pkcs11
 * @param createIfMissing {@code create-if-missing} (pkcs11): generate the key in the token at start
 *     when no key has the label; default false, so that a wrong label or token fails loudly
 * @param pemFile {@code pem-file} (software): unencrypted PEM private key (PKCS#8, or OpenSSL EC /
 *     RSA)
 * @param pkcs12File {@code pkcs12-file} (software): PKCS#12 file holding the key and its
 *     certificate
 * @param passwordFile {@code password-file} (software, with pkcs12-file): file whose first line is
 *     the PKCS#12 password
 * @param alias {@code alias} (software, with pkcs12-file): entry to use when the file holds several
 *     keys
 */
@EachProperty(KeyProperties.PREFIX)
public record KeyProperties(
    @Parameter String id,
    @Nullable KeyBackend backend,
    @Nullable SigningAlgorithm algorithm,
    @Nullable String label,
    @Nullable Boolean createIfMissing,
    @Nullable String pemFile,
    @Nullable String pkcs12File,
    @Nullable String passwordFile,
    @Nullable String alias) {

  public static final String PREFIX = "hallmark.signer.keys";

  /** Key ids: safe in a URL path, a YAML key and a log line. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** A PKCS#11 key. */
  public static KeyProperties pkcs11(
      String id, SigningAlgorithm algorithm, String label, boolean createIfMissing) {
    return new KeyProperties(
        id, KeyBackend.PKCS11, algorithm, label, createIfMissing, null, null, null, null);
  }

  /** A software key from a PEM file. */
  public static KeyProperties pem(String id, SigningAlgorithm algorithm, String pemFile) {
    return new KeyProperties(
        id, KeyBackend.SOFTWARE, algorithm, null, null, pemFile, null, null, null);
  }

  /** A software key from a PKCS#12 file. */
  public static KeyProperties pkcs12(
      String id, SigningAlgorithm algorithm, String pkcs12File, String passwordFile, String alias) {
    return new KeyProperties(
        id, KeyBackend.SOFTWARE, algorithm, null, null, null, pkcs12File, passwordFile, alias);
  }

  public SigningAlgorithm algorithmOrDefault() {
    return algorithm == null ? SigningAlgorithm.ECDSA_P256 : algorithm;
  }

  public boolean createIfMissingOrDefault() {
    return Boolean.TRUE.equals(createIfMissing);
  }

  /** {@code hallmark.signer.keys.<id>.<name>}, for messages. */
  public String property(String name) {
    return PREFIX + "." + id + "." + name;
  }

  /** Every problem of this key's configuration, each naming its property; empty if usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (id == null || !ID.matcher(id).matches()) {
      problems.add(PREFIX + "." + id + ": the key id must match " + ID);
    }
    if (backend == null) {
      problems.add(property("backend") + ": required, pkcs11 or software");
      return problems;
    }
    switch (backend) {
      case PKCS11 -> {
        if (blank(label)) {
          problems.add(property("label") + ": required for backend pkcs11");
        } else if (!Pkcs11Token.KEY_LABEL.matcher(label).matches()) {
          problems.add(property("label") + ": must match " + Pkcs11Token.KEY_LABEL);
        }
        forbid(problems, "pem-file", pemFile, "pkcs11");
        forbid(problems, "pkcs12-file", pkcs12File, "pkcs11");
        forbid(problems, "password-file", passwordFile, "pkcs11");
        forbid(problems, "alias", alias, "pkcs11");
      }
      case SOFTWARE -> {
        if (blank(pemFile) == blank(pkcs12File)) {
          problems.add(
              property("pem-file") + ": set exactly one of pem-file and pkcs12-file for software");
        }
        if (!blank(pkcs12File) && blank(passwordFile)) {
          problems.add(property("password-file") + ": required with pkcs12-file");
        }
        if (!blank(pemFile)) {
          forbid(problems, "password-file", passwordFile, "a PEM key (it must be unencrypted)");
          forbid(problems, "alias", alias, "a PEM key");
        }
        forbid(problems, "label", label, "software");
        if (createIfMissing != null && createIfMissing) {
          problems.add(
              property("create-if-missing")
                  + ": software keys are never generated; give a key file");
        }
      }
    }
    return problems;
  }

  private void forbid(List<String> problems, String name, String value, String what) {
    if (!blank(value)) {
      problems.add(property(name) + ": not used with " + what + "; remove it");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
