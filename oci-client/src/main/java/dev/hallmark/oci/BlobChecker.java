package dev.hallmark.oci;

import java.net.http.HttpResponse;

/**
 * {@code HEAD /v2/<name>/blobs/<digest>} (distribution {@code docs/spec/api.md}, "Existing
 * Layers").
 */
final class BlobChecker {
  private final RegistryTransport transport;

  BlobChecker(RegistryTransport transport) {
    this.transport = transport;
  }

  boolean exists(RepositoryRef target, String digest) throws TransientFailure {
    HttpResponse<Void> response =
        transport.send(
            target,
            RegistryTransport.Access.PULL,
            RegistryTransport.Call.of("HEAD", transport.url(target, "blobs/" + digest)),
            HttpResponse.BodyHandlers.discarding());
    return switch (response.statusCode()) {
      case 200 -> true;
      case 404 -> false;
      default ->
          throw new RegistryRequestException(
              target, response.statusCode(), null, "HEAD blob " + digest);
    };
  }
}
