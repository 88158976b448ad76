package dev.hallmark.oci;

import java.net.http.HttpResponse;

/**
 * {@code PUT /v2/<name>/manifests/<reference>} (distribution {@code docs/spec/api.md}, "Pushing an
 * Image Manifest"). The registry stores the bytes as sent, so the digest is computed here; a {@code
 * Docker-Content-Digest} answer that disagrees means the registry stored something else.
 */
final class ManifestPusher {
  private final RegistryTransport transport;

  ManifestPusher(RegistryTransport transport) {
    this.transport = transport;
  }

  String put(RepositoryRef target, String reference, String mediaType, byte[] content)
      throws TransientFailure {
    String digest = Digests.sha256(content);
    HttpResponse<byte[]> response =
        transport.send(
            target,
            RegistryTransport.Access.PUSH,
            RegistryTransport.Call.of("PUT", transport.url(target, "manifests/" + reference))
                .header("Content-Type", mediaType)
                .body(content),
            HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    if (status / 100 != 2) {
      // e.g. 400 {"errors":[{"code":"MANIFEST_BLOB_UNKNOWN",...}]} when a layer was not uploaded.
      ErrorBody error = ErrorBody.parse(response.body());
      throw new RegistryRequestException(
          target, status, error.code(), error.describe("PUT manifest " + reference));
    }
    String announced = Bodies.digestHeader(response);
    if (announced != null && !announced.equals(digest)) {
      throw new DigestMismatchException(target, "pushed manifest", digest, announced);
    }
    return digest;
  }
}
