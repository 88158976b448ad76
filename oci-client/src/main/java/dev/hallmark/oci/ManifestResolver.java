package dev.hallmark.oci;

import java.net.http.HttpResponse;

/**
 * {@code HEAD /v2/<name>/manifests/<reference>} (distribution {@code docs/spec/api.md}, "Existing
 * Manifests"): digest from {@code Docker-Content-Digest}, media type, size, without the body. A
 * registry that omits the digest header (it is a SHOULD) is asked with GET instead, and the digest
 * computed from the bytes.
 */
final class ManifestResolver {
  private final RegistryTransport transport;
  private final ManifestGetter getter;

  ManifestResolver(RegistryTransport transport, ManifestGetter getter) {
    this.transport = transport;
    this.getter = getter;
  }

  ManifestDescriptor resolve(RepositoryRef target, String reference) throws TransientFailure {
    HttpResponse<Void> response =
        transport.send(
            target,
            RegistryTransport.Access.PULL,
            RegistryTransport.Call.of("HEAD", transport.url(target, "manifests/" + reference))
                .header("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT)),
            HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    if (status == 404) {
      throw new ManifestNotFoundException(target, reference);
    }
    if (status != 200) {
      throw new RegistryRequestException(target, status, null, "HEAD manifest " + reference);
    }
    String digest = Bodies.digestHeader(response);
    if (!Digests.isSha256(digest)) {
      return getter
          .find(target, reference)
          .orElseThrow(() -> new ManifestNotFoundException(target, reference))
          .descriptor();
    }
    if (Digests.isSha256(reference) && !reference.equals(digest)) {
      throw new DigestMismatchException(target, "manifest by digest", reference, digest);
    }
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new ManifestDescriptor(digest, Bodies.mediaType(response), size);
  }
}
