package dev.hallmark.oci;

import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/manifests/<reference>} (distribution {@code docs/spec/api.md}, "Pulling an
 * Image Manifest"). The bytes are hashed here: a {@code Docker-Content-Digest} header or a digest
 * reference that disagrees with them is a {@link DigestMismatchException}.
 */
final class ManifestGetter {
  private final RegistryTransport transport;
  private final long maxBytes;

  ManifestGetter(RegistryTransport transport, long maxBytes) {
    this.transport = transport;
    this.maxBytes = maxBytes;
  }

  Optional<Manifest> find(RepositoryRef target, String reference) throws TransientFailure {
    HttpResponse<byte[]> response =
        transport.send(
            target,
            RegistryTransport.Access.PULL,
            RegistryTransport.Call.of("GET", transport.url(target, "manifests/" + reference))
                .header("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT)),
            Bodies.upTo(maxBytes));
    int status = response.statusCode();
    if (status == 404) {
      return Optional.empty();
    }
    if (status != 200) {
      ErrorBody error = ErrorBody.parse(response.body());
      throw new RegistryRequestException(
          target, status, error.code(), error.describe("GET manifest " + reference));
    }
    if (Bodies.tooLarge(response.body(), maxBytes)) {
      throw new RegistryRequestException(
          target, status, null, "manifest " + reference + " larger than " + maxBytes + " bytes");
    }
    byte[] content = response.body();
    String actual = Digests.sha256(content);
    String announced = Bodies.digestHeader(response);
    if (announced != null && !announced.equals(actual)) {
      throw new DigestMismatchException(
          target, "manifest " + reference + " (Docker-Content-Digest)", announced, actual);
    }
    if (Digests.isSha256(reference) && !reference.equals(actual)) {
      throw new DigestMismatchException(target, "manifest by digest", reference, actual);
    }
    return Optional.of(new Manifest(actual, Bodies.mediaType(response), content));
  }
}
