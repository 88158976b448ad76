package dev.hallmark.signer.api;

import dev.hallmark.signer.keys.SigningKeys;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.List;

/**
 * The public halves of the signing keys: what verifiers need ({@code cosign verify --key <(curl
 * .../public-key)}). Private material is never reachable from here.
 */
@Controller("/api/v1/keys")
final class KeyController {
  /** {@code application/x-pem-file}: what the PEM is served as. */
  static final String PEM = "application/x-pem-file";

  private final SigningKeys keys;

  KeyController(SigningKeys keys) {
    this.keys = keys;
  }

  @Get
  @Produces(MediaType.APPLICATION_JSON)
  List<KeySummary> list() {
    return keys.all().stream().map(KeySummary::of).toList();
  }

  /**
   * The key's public key as {@code PUBLIC KEY} PEM, usable as {@code cosign.pub}. An unknown id is
   * answered 404 problem+json ({@link UnknownKeyHandler}).
   */
  @Get("/{keyId}/public-key")
  @Produces(PEM)
  String publicKey(String keyId) {
    return keys.get(keyId).publicKeyPem();
  }
}
