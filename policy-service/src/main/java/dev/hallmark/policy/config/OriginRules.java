package dev.hallmark.policy.config;

import dev.hallmark.policy.model.ClaimPattern;
import dev.hallmark.policy.model.InvalidGlobException;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.OriginRule.TrustedIssuer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code origin} block of a policy into an {@link OriginRule}, collecting a problem per
 * bad key. Unknown keys inside the block are problems, not warnings as elsewhere: the block is
 * policy-service's alone (intake-service reads only the issuers), and a misspelt {@code claims}
 * would silently drop every claim rule.
 */
final class OriginRules {
  static final Set<String> ORIGIN_KEYS = Set.of("issuers", "claims", "allow-declared");
  static final Set<String> ISSUER_KEYS = Set.of("issuer", "jwks-url", "audience");
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private OriginRules() {}

  /**
   * @param tree the {@code origin} block; null when the policy has none
   * @param key the block's configuration key, for problems
   * @return the rule; empty when there is no block or it has problems
   */
  static Optional<OriginRule> parse(Map<String, Object> tree, String key, List<String> problems) {
    if (tree == null) {
      return Optional.empty();
    }
    int before = problems.size();
    for (String entry : keys(tree)) {
      if (!ORIGIN_KEYS.contains(entry)) {
        problems.add(key + "." + entry + ": unknown key; origin has " + ORIGIN_KEYS);
      }
    }
    List<TrustedIssuer> issuers = issuers(tree.get("issuers"), key + ".issuers", problems);
    Map<String, List<ClaimPattern>> claims = claims(tree.get("claims"), key + ".claims", problems);
    Object allowDeclared = tree.getOrDefault("allow-declared", false);
    if (!(allowDeclared instanceof Boolean)
        && !Set.of("true", "false").contains(String.valueOf(allowDeclared))) {
      problems.add(key + ".allow-declared: must be true or false");
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new OriginRule(issuers, claims, Boolean.parseBoolean(String.valueOf(allowDeclared))));
  }

  private static List<TrustedIssuer> issuers(Object value, String key, List<String> problems) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problems.add(key + ": must list at least one issuer (issuer, jwks-url and audience of each)");
      return List.of();
    }
    List<TrustedIssuer> issuers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String itemKey = key + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> item)) {
        problems.add(itemKey + ": must be a map with issuer, jwks-url and audience");
        continue;
      }
      for (Object entry : item.keySet()) {
        if (!ISSUER_KEYS.contains(String.valueOf(entry))) {
          problems.add(itemKey + "." + entry + ": unknown key; an issuer has " + ISSUER_KEYS);
        }
      }
      Optional<URI> issuer = url(item.get("issuer"), itemKey + ".issuer", problems);
      Optional<URI> jwks = url(item.get("jwks-url"), itemKey + ".jwks-url", problems);
      Object audience = item.get("audience");
      if (audience == null || String.valueOf(audience).isBlank()) {
        problems.add(itemKey + ".audience: is required (the aud the tokens are issued for)");
      }
      issuer
          .filter(iss -> issuers.stream().anyMatch(known -> known.issuer().equals(iss.toString())))
          .ifPresent(iss -> problems.add(itemKey + ".issuer: " + iss + " is listed twice"));
      if (issuer.isPresent() && jwks.isPresent() && audience != null) {
        issuers.add(
            new TrustedIssuer(issuer.get().toString(), jwks.get(), String.valueOf(audience)));
      }
    }
    return issuers;
  }

  /**
   * Issuers and key sets are fetched over HTTPS: a key set that could be altered on the way would
   * let anyone mint tokens. Plain HTTP only to the loopback interface (local stack, tests).
   */
  private static Optional<URI> url(Object value, String key, List<String> problems) {
    if (value == null || String.valueOf(value).isBlank()) {
      problems.add(key + ": is required");
      return Optional.empty();
    }
    try {
      URI uri = new URI(String.valueOf(value));
      boolean https = "https".equals(uri.getScheme());
      boolean loopbackHttp = "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
      if (uri.getHost() != null && (https || loopbackHttp)) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    problems.add(key + ": must be an https URL (plain http only to 127.0.0.1, localhost or [::1])");
    return Optional.empty();
  }

  private static Map<String, List<ClaimPattern>> claims(
      Object value, String key, List<String> problems) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> tree)) {
      problems.add(key + ": must map claim names to patterns, e.g. ref: [refs/heads/main]");
      return Map.of();
    }
    Map<String, List<ClaimPattern>> claims = new LinkedHashMap<>();
    for (Map.Entry<?, ?> claim : tree.entrySet()) {
      String name = String.valueOf(claim.getKey());
      if (name.contains("[")) {
        continue; // the flattened form of the list, next to the list itself
      }
      String claimKey = key + "." + name;
      List<String> patterns = strings(claim.getValue());
      if (patterns.isEmpty()) {
        problems.add(claimKey + ": must name at least one pattern");
        continue;
      }
      List<ClaimPattern> parsed = new ArrayList<>();
      for (int i = 0; i < patterns.size(); i++) {
        try {
          parsed.add(ClaimPattern.of(patterns.get(i)));
        } catch (InvalidGlobException e) {
          problems.add(claimKey + "[" + i + "]: " + e.getMessage());
        }
      }
      claims.put(name, parsed);
    }
    return claims;
  }

  /** Configuration maps also carry flattened {@code list[0]} keys; only plain names count. */
  private static List<String> keys(Map<String, Object> tree) {
    return tree.keySet().stream().filter(key -> !key.contains("[")).toList();
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }
}
