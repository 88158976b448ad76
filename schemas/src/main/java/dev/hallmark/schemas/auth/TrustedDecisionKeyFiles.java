package dev.hallmark.schemas.auth;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the policy-service public keys a service trusts decisions from (ADR 0006): Ed25519 public
 * keys in PEM files, several at once so that a new key can be trusted before policy-service
 * switches to it. Shared by every service that verifies decisions (signer-service before signing,
 * intake-service before changing a request's status), so that they read the same setting the same
 * way and one {@value #ENV} configures them all.
 */
public final class TrustedDecisionKeyFiles {
  /** The environment variable every verifying service reads the files from. */
  public static final String ENV = "HALLMARK_DECISION_PUBLIC_KEYS";

  private TrustedDecisionKeyFiles() {}

  /**
   * @param setting the service's property ({@code hallmark.signer.decision-keys}); error messages
   *     name it and {@value #ENV}
   * @param files PEM file paths: a YAML list, or the paths of one comma-separated string (as the
   *     environment variable gives them); blank entries are ignored
   * @param requiredBecause what the service does only with authenticated decisions ("signer-service
   *     signs only decisions authenticated by policy-service"), said when no file is named
   * @return a verifier trusting every key of the files
   * @throws DecisionKeyConfigurationException if no file is named, or any file cannot be used; the
   *     message names the setting and every file with its problem, never key material
   */
  public static DecisionVerifier read(String setting, List<String> files, String requiredBecause) {
    String named = setting + " (" + ENV + ")";
    List<String> paths =
        files == null
            ? List.of()
            : files.stream().map(String::strip).filter(path -> !path.isEmpty()).toList();
    if (paths.isEmpty()) {
      throw new DecisionKeyConfigurationException(
          named,
          List.of(
              "names no public key: "
                  + requiredBecause
                  + " and needs its Ed25519 public key(s), PEM files (separated by commas in the"
                  + " variable); see docs/operations.md"));
    }
    List<PublicKey> keys = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String path : paths) {
      try {
        keys.add(DecisionKeys.readPublicKey(Path.of(path)));
      } catch (DecisionKeyException e) {
        problems.add(e.getMessage());
      } catch (InvalidPathException e) {
        problems.add(path + ": not a file path (" + e.getReason() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new DecisionKeyConfigurationException(named, problems);
    }
    return new DecisionVerifier(keys);
  }
}
