package dev.hallmark.intake.resolve;

import dev.hallmark.intake.request.NewSigningRequest;
import dev.hallmark.intake.request.NewSigningRequest.Image;
import dev.hallmark.oci.Manifest;
import dev.hallmark.oci.ManifestNotFoundException;
import dev.hallmark.oci.MediaTypes;
import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RegistryException;
import dev.hallmark.oci.RepositoryRef;
import dev.hallmark.runtime.http.FieldErrors;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves tags to digests against the registry, once, at intake (docs/architecture.md, "Rules that
 * keep it simple to change": everything after intake works on digests), and expands an image index
 * into its platform manifests when the artifact asks for {@code recursive} signing. The index
 * itself is always signed as well.
 */
@Singleton
public final class ImageResolver {
  static final Set<String> INDEX_TYPES =
      Set.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);
  private final RegistryClient registry;
  private final JsonMapper json;

  ImageResolver(
      JsonMapper json,
      @Value("${hallmark.registry-client.insecure-hosts:127.0.0.1,localhost}")
          List<String> insecureHosts) {
    this.json = json;
    this.registry = RegistryClient.builder().insecureHosts(insecureHosts).build();
  }

  /**
   * @throws dev.hallmark.runtime.http.InvalidRequestException naming the artifact whose tag or
   *     digest the registry does not know
   * @throws HttpStatusException 502 when the registry cannot be asked
   */
  public NewSigningRequest resolve(NewSigningRequest request) {
    if (request.images().stream().allMatch(image -> image.digest() != null && !image.recursive())) {
      return request;
    }
    FieldErrors errors = new FieldErrors();
    Map<String, Image> resolved = new LinkedHashMap<>();
    List<Image> images = request.images();
    for (int i = 0; i < images.size(); i++) {
      Image image = images.get(i);
      RepositoryRef repository = new RepositoryRef(image.registry(), image.repository());
      String field = "artifacts[" + i + "]";
      try {
        String digest =
            image.digest() != null
                ? image.digest()
                : registry.resolve(repository, image.tags().get(0)).digest();
        add(resolved, new Image(image.registry(), image.repository(), digest, image.tags()));
        if (image.recursive()) {
          for (String platform : platformDigests(registry.getManifest(repository, digest))) {
            add(resolved, new Image(image.registry(), image.repository(), platform, List.of()));
          }
        }
      } catch (ManifestNotFoundException e) {
        errors.add(
            image.digest() != null ? field + ".digest" : field + ".tags[0]",
            "not found in " + repository);
      } catch (RegistryException e) {
        throw new HttpStatusException(
            HttpStatus.BAD_GATEWAY,
            "could not resolve " + field + " at " + repository + ": " + e.getMessage());
      }
    }
    errors.throwIfAny();
    return request.withImages(List.copyOf(resolved.values()));
  }

  /** The same digest twice (an index listing a manifest given as well) is signed once. */
  private static void add(Map<String, Image> images, Image image) {
    String key = image.registry() + "/" + image.repository() + "@" + image.digest();
    images.merge(
        key,
        image,
        (first, second) -> {
          List<String> tags = new ArrayList<>(first.tags());
          second.tags().stream().filter(tag -> !tags.contains(tag)).forEach(tags::add);
          return new Image(first.registry(), first.repository(), first.digest(), tags);
        });
  }

  @SuppressWarnings("unchecked")
  private List<String> platformDigests(Manifest manifest) {
    if (!INDEX_TYPES.contains(manifest.mediaType())) {
      return List.of();
    }
    try {
      Map<String, Object> index = json.readValue(manifest.content(), Map.class);
      List<String> digests = new ArrayList<>();
      for (Object entry : (List<Object>) index.getOrDefault("manifests", List.of())) {
        if (entry instanceof Map<?, ?> descriptor && descriptor.get("digest") instanceof String d) {
          digests.add(d);
        }
      }
      return digests;
    } catch (IOException | ClassCastException e) {
      throw new HttpStatusException(
          HttpStatus.BAD_GATEWAY,
          "the registry returned an unreadable image index " + manifest.digest());
    }
  }
}
