package dev.hallmark.oci;

import java.net.http.HttpResponse;

/**
 * {@code GET /v2/<name>/blobs/<digest>} (distribution {@code docs/spec/api.md}, "Pulling a Layer"),
 * into memory, so for small blobs (configs, signature payloads) only. Redirects to storage are
 * followed without the registry's credentials. The bytes must hash to the digest.
 */
final class BlobPuller {
  private final RegistryTransport transport;
  private final long maxBytes;

  BlobPuller(RegistryTransport transport, long maxBytes) {
    this.transport = transport;
    this.maxBytes = maxBytes;
  }

  byte[] get(RepositoryRef target, String digest) throws TransientFailure {
    HttpResponse<byte[]> response =
        transport.send(
            target,
            RegistryTransport.Access.PULL,
            RegistryTransport.Call.of("GET", transport.url(target, "blobs/" + digest)),
            Bodies.upTo(maxBytes));
    int status = response.statusCode();
    if (status == 404) {
      throw new BlobNotFoundException(target, digest);
    }
    if (status != 200) {
      ErrorBody error = ErrorBody.parse(response.body());
      throw new RegistryRequestException(
          target, status, error.code(), error.describe("GET blob " + digest));
    }
    if (Bodies.tooLarge(response.body(), maxBytes)) {
      throw new RegistryRequestException(
          target, status, null, "blob " + digest + " larger than " + maxBytes + " bytes");
    }
    String actual = Digests.sha256(response.body());
    if (!actual.equals(digest)) {
      throw new DigestMismatchException(target, "blob", digest, actual);
    }
    return response.body();
  }
}
