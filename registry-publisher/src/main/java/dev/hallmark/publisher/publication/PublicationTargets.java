package dev.hallmark.publisher.publication;

import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.publisher.notary.NotarySettings;
import jakarta.inject.Singleton;

/**
 * Names the target a signature is published to, the unit that is up or down for retries: the
 * registry host for cosign signatures, the Notary server for Docker Content Trust grants.
 */
@Singleton
public class PublicationTargets {
  private final String notary;

  PublicationTargets(NotarySettings notary) {
    this.notary = "notary " + (notary.url() == null ? "(not configured)" : notary.url());
  }

  public String of(SignatureCreated signature) {
    return signature.getMethod() == SigningMethod.NOTARY
        ? notary
        : "registry " + signature.getImage().getRegistry();
  }
}
