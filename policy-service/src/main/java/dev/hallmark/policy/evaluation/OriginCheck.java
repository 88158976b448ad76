package dev.hallmark.policy.evaluation;

import dev.hallmark.events.Origin;
import dev.hallmark.policy.model.ClaimPattern;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.Policy;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The origin rule of a policy ({@code origin}): a verified origin from a trusted issuer whose
 * claims match, or, with {@code allow-declared}, any origin.
 *
 * <p>{@code Origin.verified} is trusted as intake-service set it: intake is the only writer of the
 * signing-requests topic, and it sets {@code verified} only after checking the identity token's
 * signature, expiry and audience against this same policy's issuers. The issuer is checked again
 * here so that a changed policy file does not honour a token of an issuer it no longer trusts.
 */
final class OriginCheck {
  /** Claim values from a token are shown in reasons, but not without bound. */
  static final int MAX_SHOWN_VALUE = 200;

  private OriginCheck() {}

  static Optional<String> failure(Policy policy, @Nullable Origin origin) {
    OriginRule rule = policy.origin();
    if (rule == null) {
      return Optional.empty();
    }
    if (origin == null || !origin.getVerified()) {
      return rule.allowDeclared()
          ? Optional.empty()
          : Optional.of(
              "origin is not verified: policy "
                  + policy.qualifiedName()
                  + " requires an identity token from "
                  + rule.issuerNames());
    }
    if (origin.getIssuer() == null || rule.issuer(origin.getIssuer()).isEmpty()) {
      return Optional.of(
          "origin issuer "
              + shown(origin.getIssuer())
              + " is not trusted by policy "
              + policy.qualifiedName()
              + ", which trusts "
              + rule.issuerNames());
    }
    Map<String, String> claims = origin.getClaims() == null ? Map.of() : origin.getClaims();
    for (Map.Entry<String, List<ClaimPattern>> claimRule : rule.claims().entrySet()) {
      String name = claimRule.getKey();
      List<ClaimPattern> accepted = claimRule.getValue();
      String value = claims.get(name);
      if (value == null) {
        return Optional.of(
            "origin claim "
                + name
                + " is missing, policy "
                + policy.qualifiedName()
                + " accepts "
                + accepted);
      }
      if (accepted.stream().noneMatch(pattern -> pattern.matches(value))) {
        return Optional.of(
            "origin claim "
                + name
                + " is "
                + shown(value)
                + ", policy "
                + policy.qualifiedName()
                + " accepts "
                + accepted);
      }
    }
    return Optional.empty();
  }

  private static String shown(@Nullable String value) {
    if (value == null) {
      return "(none)";
    }
    return value.length() <= MAX_SHOWN_VALUE ? value : value.substring(0, MAX_SHOWN_VALUE) + "…";
  }
}
