package dev.hallmark.signer.api;

import dev.hallmark.signer.keys.SigningKey;
import dev.hallmark.signer.keys.SigningKeys;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
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

  /**
   * The key's X.509 certificate as {@code CERTIFICATE} PEM, for {@code notary delegation add <gun>
   * targets/releases <file>}. For a PKCS#11 key it is the self-signed certificate generated with
   * the key, its signature computed inside the token; for a PKCS#12 key, the file's certificate. A
   * key without one (a PEM private key file) is answered 404 problem+json.
   */
  @Get("/{keyId}/certificate")
  @Produces(PEM)
  String certificate(String keyId) {
    SigningKey key = keys.get(keyId);
    X509Certificate certificate =
        key.signer().certificate().orElseThrow(() -> new NoCertificateException(keyId));
    try {
      return CertificatePem.encode(certificate);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("certificate of key " + keyId + " cannot be encoded", e);
    }
  }
}
