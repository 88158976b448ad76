package dev.hallmark.audit.access;

import dev.hallmark.runtime.http.BearerToken;
import dev.hallmark.runtime.http.TokenHash;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the audit API: callers presenting a bearer token whose SHA-256 is configured in
 * {@value #SETTING}. The ledger names submitters, addresses, images and decisions, so it is not for
 * everyone who can reach the port; only the hashes are configured, as for every Hallmark
 * credential. Unset, the API is open (a warning at start), so that a first deployment and the tests
 * need no token. Read at start; a bad hash stops the service ({@link Context}).
 */
@Context
public class AuditReaders {
  static final String SETTING = "hallmark.audit.reader-token-sha256";
  private static final Logger LOG = LoggerFactory.getLogger(AuditReaders.class);

  private final List<String> hashes;

  AuditReaders(@Property(name = SETTING) @Nullable List<String> configured) {
    this.hashes =
        configured == null
            ? List.of()
            : configured.stream().map(String::strip).filter(hash -> !hash.isEmpty()).toList();
    for (String hash : hashes) {
      if (!hash.matches("[0-9a-f]{64}")) {
        throw new IllegalStateException(
            SETTING
                + " (HALLMARK_AUDIT_READER_TOKEN_SHA256): each entry must be the SHA-256 of a token,"
                + " 64 lower-case hex digits; one is not");
      }
    }
    if (hashes.isEmpty()) {
      LOG.warn(
          "{} is not set: the audit API answers anyone who can reach it; see docs/operations.md",
          SETTING);
    }
  }

  /** Whether no token is configured, so every caller may read. */
  public boolean open() {
    return hashes.isEmpty();
  }

  /**
   * Why the caller may not use the API, or empty if the header carries a configured token. The
   * reason says what is missing, never what was presented.
   */
  public Optional<String> refusal(@Nullable String authorizationHeader) {
    if (open()) {
      return Optional.empty();
    }
    Optional<String> token = BearerToken.from(authorizationHeader);
    if (token.isEmpty()) {
      return Optional.of("Authorization: Bearer <audit token> is required");
    }
    for (String hash : hashes) {
      if (TokenHash.matchesSha256(token.get(), hash)) {
        return Optional.empty();
      }
    }
    return Optional.of("the audit token is not valid");
  }
}
