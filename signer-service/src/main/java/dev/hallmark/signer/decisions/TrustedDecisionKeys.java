package dev.hallmark.signer.decisions;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.auth.DecisionVerifier;
import dev.hallmark.schemas.auth.TrustedDecisionKeyFiles;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy-service public keys whose decisions this service acts on (ADR 0006), read once at
 * start from {@value #SETTING} ({@link TrustedDecisionKeyFiles}): Ed25519 public keys in PEM files,
 * several at once so that a new key can be trusted before policy-service switches to it. Without
 * one the service does not start ({@link Context}).
 */
@Context
public class TrustedDecisionKeys {
  static final String SETTING = "hallmark.signer.decision-keys";
  private static final Logger LOG = LoggerFactory.getLogger(TrustedDecisionKeys.class);

  private final DecisionVerifier verifier;

  /**
   * @param files PEM file paths: a YAML list, or one string with the paths separated by commas (as
   *     the environment variable gives them)
   * @throws dev.hallmark.schemas.auth.DecisionKeyConfigurationException naming the setting, if no
   *     file is given or one cannot be used
   */
  TrustedDecisionKeys(@Property(name = SETTING) @Nullable List<String> files) {
    this.verifier =
        TrustedDecisionKeyFiles.read(
            SETTING, files, "signer-service signs only decisions authenticated by policy-service");
    LOG.info("decisions are trusted if authenticated by key(s) {}", verifier.keyIds());
  }

  /** Why the decision must not be acted on, or empty if a trusted key authenticated exactly it. */
  public Optional<String> rejection(PolicyDecision decision) {
    return verifier.rejection(decision);
  }
}
