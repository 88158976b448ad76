package dev.hallmark.signer.cosign;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.signer.images.ImageNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The cosign "simple signing" payload (docs/formats.md, "The simple-signing payload";
 * sigstore/sigstore {@code pkg/signature/payload/payload.go}, containers/image {@code
 * signature/internal/sigstore_payload.go}), built by the signer from an approved decision, never
 * taken from a client.
 *
 * <pre>
 * {"critical":{"identity":{"docker-reference":"&lt;registry&gt;/&lt;repository&gt;"},
 *              "image":{"docker-manifest-digest":"sha256:&lt;hex&gt;"},
 *              "type":"cosign container image signature"},
 *  "optional":{"dev.hallmark/request-id":"...","dev.hallmark/tags":"1.0,latest","timestamp":1732370000}}
 * </pre>
 *
 * <p>The shape is exactly what containers/image's strict parser accepts: top level {@code critical}
 * and {@code optional} only; {@code critical} exactly {@code identity}, {@code image}, {@code
 * type}; no duplicate keys; {@code optional.timestamp} an integer (seconds). Serialization is
 * deterministic: compact, keys of {@code critical} in cosign's struct order, keys of {@code
 * optional} sorted (as Go writes a map). Optional keys: {@value #TIMESTAMP}, {@value #REQUEST_ID},
 * {@value #TAGS} (comma-joined, omitted when there are none), and the build origin when the
 * decision has one ({@code dev.hallmark/origin.*}; {@code verified} as the string {@code
 * true}/{@code false}; {@code issuer}, the identity-token issuer that attested the origin, only
 * when verified). The token's other claims stay in the decision and the audit trail, not in the
 * payload: verifiers read the origin fields, and the payload is signed as a whole.
 */
public final class SimpleSigningPayload {
  public static final String TYPE = "cosign container image signature";
  public static final String TIMESTAMP = "timestamp";
  public static final String REQUEST_ID = "dev.hallmark/request-id";
  public static final String TAGS = "dev.hallmark/tags";
  public static final String ORIGIN_REPOSITORY_URL = "dev.hallmark/origin.repository-url";
  public static final String ORIGIN_REF = "dev.hallmark/origin.ref";
  public static final String ORIGIN_COMMIT = "dev.hallmark/origin.commit";
  public static final String ORIGIN_BUILD_URL = "dev.hallmark/origin.build-url";
  public static final String ORIGIN_VERIFIED = "dev.hallmark/origin.verified";
  public static final String ORIGIN_ISSUER = "dev.hallmark/origin.issuer";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private SimpleSigningPayload() {}

  /**
   * The payload bytes (UTF-8 JSON) for one image of an approved request.
   *
   * @param origin the decision's build origin, or null
   * @param timestamp when the signature is made; written as whole seconds
   * @throws UnsignableImageException if the image reference is malformed
   */
  public static byte[] build(ImageRef image, UUID requestId, Origin origin, Instant timestamp) {
    String reference = dockerReference(image);
    String digest = image.getDigest();
    if (!ImageNames.isDigest(digest)) {
      throw new UnsignableImageException("digest", "'" + digest + "' is not sha256:<64 hex>");
    }
    SortedMap<String, Object> optional = new TreeMap<>();
    optional.put(TIMESTAMP, timestamp.getEpochSecond());
    optional.put(REQUEST_ID, requestId.toString());
    List<String> tags = image.getTags() == null ? List.of() : image.getTags();
    for (String tag : tags) {
      if (!ImageNames.isTag(tag)) {
        throw new UnsignableImageException("tags", "'" + tag + "' is not a valid tag");
      }
    }
    if (!tags.isEmpty()) {
      optional.put(TAGS, String.join(",", tags));
    }
    if (origin != null) {
      putIfPresent(optional, ORIGIN_REPOSITORY_URL, origin.getRepositoryUrl());
      putIfPresent(optional, ORIGIN_REF, origin.getRef());
      putIfPresent(optional, ORIGIN_COMMIT, origin.getCommit());
      putIfPresent(optional, ORIGIN_BUILD_URL, origin.getBuildUrl());
      optional.put(ORIGIN_VERIFIED, Boolean.toString(origin.getVerified()));
      if (origin.getVerified()) {
        putIfPresent(optional, ORIGIN_ISSUER, origin.getIssuer());
      }
    }
    return write(reference, digest, optional);
  }

  /**
   * {@code <registry>/<repository>}, without tag or digest: what cosign puts into {@code
   * critical.identity.docker-reference}.
   *
   * @throws UnsignableImageException if registry or repository is malformed
   */
  public static String dockerReference(ImageRef image) {
    String registry = image.getRegistry();
    String repository = image.getRepository();
    if (!ImageNames.isRegistry(registry)) {
      throw new UnsignableImageException("registry", "'" + registry + "' is not a registry host");
    }
    if (!ImageNames.isRepository(repository)) {
      throw new UnsignableImageException(
          "repository", "'" + repository + "' is not a repository path (no tag or digest)");
    }
    return registry + "/" + repository;
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static byte[] write(String reference, String digest, SortedMap<String, Object> optional) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("critical");
      json.writeObjectFieldStart("identity");
      json.writeStringField("docker-reference", reference);
      json.writeEndObject();
      json.writeObjectFieldStart("image");
      json.writeStringField("docker-manifest-digest", digest);
      json.writeEndObject();
      json.writeStringField("type", TYPE);
      json.writeEndObject();
      json.writeObjectFieldStart("optional");
      for (Map.Entry<String, Object> field : optional.entrySet()) {
        if (field.getValue() instanceof Long number) {
          json.writeNumberField(field.getKey(), number);
        } else {
          json.writeStringField(field.getKey(), (String) field.getValue());
        }
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }
}
