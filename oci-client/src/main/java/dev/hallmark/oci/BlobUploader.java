package dev.hallmark.oci;

import java.net.URI;
import java.net.http.HttpResponse;

/**
 * Monolithic blob upload (distribution {@code docs/spec/api.md}, "Monolithic Upload"): {@code POST
 * /v2/<name>/blobs/uploads/} opens a session and answers 202 with a {@code Location} (relative in
 * distribution 2.x, e.g. {@code /v2/demo/app/blobs/uploads/<uuid>?_state=...}); {@code PUT
 * <location>&digest=<digest>} with the bytes closes it with 201. Both steps form one attempt: a
 * failed PUT leaves the session unusable, so a retry opens a new one.
 */
final class BlobUploader {
  private final RegistryTransport transport;

  BlobUploader(RegistryTransport transport) {
    this.transport = transport;
  }

  String upload(RepositoryRef target, byte[] content) throws TransientFailure {
    String digest = Digests.sha256(content);
    HttpResponse<byte[]> opened =
        transport.send(
            target,
            RegistryTransport.Access.PUSH,
            RegistryTransport.Call.of("POST", transport.url(target, "blobs/uploads/")),
            HttpResponse.BodyHandlers.ofByteArray());
    if (opened.statusCode() != 202) {
      ErrorBody error = ErrorBody.parse(opened.body());
      throw new RegistryRequestException(
          target, opened.statusCode(), error.code(), error.describe("POST blob upload"));
    }
    String location =
        opened
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new RegistryRequestException(
                        target, 202, null, "blob upload opened without a Location"));
    URI session = transport.resolve(target, location);
    String separator = session.getRawQuery() == null ? "?" : "&";
    URI close = URI.create(session + separator + "digest=" + digest);
    HttpResponse<byte[]> closed =
        transport.send(
            target,
            RegistryTransport.Access.PUSH,
            RegistryTransport.Call.of("PUT", close)
                .header("Content-Type", "application/octet-stream")
                .body(content),
            HttpResponse.BodyHandlers.ofByteArray());
    if (closed.statusCode() != 201 && closed.statusCode() != 204) {
      ErrorBody error = ErrorBody.parse(closed.body());
      // The session URL is not quoted: it carries the registry's signed upload state.
      throw new RegistryRequestException(
          target, closed.statusCode(), error.code(), error.describe("PUT blob " + digest));
    }
    String announced = Bodies.digestHeader(closed);
    if (announced != null && !announced.equals(digest)) {
      throw new DigestMismatchException(target, "uploaded blob", digest, announced);
    }
    return digest;
  }
}
