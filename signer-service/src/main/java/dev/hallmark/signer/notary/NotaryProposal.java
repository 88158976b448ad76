package dev.hallmark.signer.notary;

import java.util.Map;
import java.util.UUID;

/**
 * A {@code targets/releases} document registry-publisher asks to have signed, validated as a
 * request: a request id, a well-formed GUN and a {@code signed} object whose canonical JSON is
 * exactly the bytes sent. Whether it may be signed is {@link NotarySigning}'s decision.
 */
public record NotaryProposal(
    UUID requestId, String registry, String repository, Map<String, Object> signed) {

  /** {@code <registry>/<repository>}. */
  public String gun() {
    return registry + "/" + repository;
  }
}
