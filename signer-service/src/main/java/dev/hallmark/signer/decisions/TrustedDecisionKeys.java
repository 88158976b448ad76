package dev.hallmark.signer.decisions;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionKeyException;
import dev.hallmark.schemas.auth.DecisionKeys;
import dev.hallmark.schemas.auth.DecisionVerifier;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy-service public keys whose decisions this service acts on (ADR 0006), read once at
 * start from {@value #SETTING}: Ed25519 public keys in PEM files, several at once so that a new key
 * can be trusted before policy-service switches to it. Without one the service does not start
 * ({@link Context}).
 */
@Context
public class TrustedDecisionKeys {
  static final String SETTING = "hallmark.signer.decision-keys";
  static final String ENV = "HALLMARK_DECISION_PUBLIC_KEYS";
  private static final Logger LOG = LoggerFactory.getLogger(TrustedDecisionKeys.class);

  private final DecisionVerifier verifier;

  /**
   * @param files PEM file paths: a YAML list, or one string with the paths separated by commas (as
   *     the environment variable gives them)
   */
  TrustedDecisionKeys(@Property(name = SETTING) @Nullable List<String> files) {
    List<String> paths =
        files == null
            ? List.of()
            : files.stream().map(String::strip).filter(path -> !path.isEmpty()).toList();
    String setting = SETTING + " (" + ENV + ")";
    if (paths.isEmpty()) {
      throw new DecisionKeyConfigurationException(
          setting,
          List.of(
              "names no public key: signer-service signs only decisions authenticated by"
                  + " policy-service and needs its Ed25519 public key(s), PEM files (separated by"
                  + " commas in the variable); see docs/operations.md"));
    }
    List<PublicKey> keys = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String path : paths) {
      try {
        keys.add(DecisionKeys.readPublicKey(Path.of(path)));
      } catch (DecisionKeyException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new DecisionKeyConfigurationException(setting, problems);
    }
    this.verifier = new DecisionVerifier(keys);
    LOG.info("decisions are trusted if authenticated by key(s) {}", verifier.keyIds());
  }

  /** Why the decision must not be acted on, or empty if a trusted key authenticated exactly it. */
  public Optional<String> rejection(PolicyDecision decision) {
    return verifier.rejection(decision);
  }
}
