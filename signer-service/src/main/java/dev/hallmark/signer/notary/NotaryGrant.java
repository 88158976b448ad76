package dev.hallmark.signer.notary;

import dev.hallmark.events.ImageRef;
import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.signer.cosign.SimpleSigningPayload;
import dev.hallmark.signer.cosign.UnsignableImageException;
import dev.hallmark.signer.images.ImageNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an approved decision allows for Notary v1: that {@code targets/releases} of one repository
 * (the GUN, {@code <registry>/<repository>}) may set these tags to this manifest digest, for this
 * request. Notary signs the whole delegation document, which registry-publisher builds later from
 * the published one, so there is nothing to sign when the decision arrives; the grant is what the
 * signer records instead, signed with the decision's key as an authorization statement for the
 * audit trail. {@code POST /api/v1/notary/signatures} signs a document only within the grants.
 *
 * <p>The payload is canonical JSON ({@link CanonicalJson}), so it is byte-for-byte reproducible:
 *
 * <pre>
 * {"_type":"HallmarkNotaryGrant","digest":"sha256:…","gun":"&lt;registry&gt;/&lt;repository&gt;",
 *  "requestId":"&lt;uuid&gt;","tags":["1.0",…]}
 * </pre>
 *
 * registry-publisher reads {@code gun}, {@code digest}, {@code tags} and {@code requestId} from it:
 * the names are a contract.
 *
 * @param tags the tags in the decision's order, each once; empty for an untagged image, which
 *     Notary cannot sign ({@link #untaggedReason})
 */
public record NotaryGrant(String gun, String digest, UUID requestId, List<String> tags) {
  public static final String TYPE = "HallmarkNotaryGrant";

  public NotaryGrant {
    tags = List.copyOf(tags);
  }

  /**
   * The grant for one image of an approved decision.
   *
   * @throws UnsignableImageException if the image reference is malformed
   */
  public static NotaryGrant of(ImageRef image, UUID requestId) {
    String gun = SimpleSigningPayload.dockerReference(image);
    String digest = image.getDigest();
    if (!ImageNames.isDigest(digest)) {
      throw new UnsignableImageException("digest", "'" + digest + "' is not sha256:<64 hex>");
    }
    List<String> tags = image.getTags() == null ? List.of() : image.getTags();
    for (String tag : tags) {
      if (!ImageNames.isTag(tag)) {
        throw new UnsignableImageException("tags", "'" + tag + "' is not a valid tag");
      }
    }
    return new NotaryGrant(gun, digest, requestId, List.copyOf(new LinkedHashSet<>(tags)));
  }

  /**
   * Reads a payload this class wrote (a {@code signature} row of method NOTARY).
   *
   * @throws IllegalArgumentException if it is not a grant
   */
  public static NotaryGrant parse(byte[] payload) {
    Map<String, Object> json =
        StrictJson.parseObject(payload)
            .orElseThrow(() -> new IllegalArgumentException("not a JSON object"));
    if (!TYPE.equals(json.get("_type"))) {
      throw new IllegalArgumentException("_type is not " + TYPE);
    }
    if (!(json.get("gun") instanceof String gun)
        || !(json.get("digest") instanceof String digest)
        || !(json.get("requestId") instanceof String requestId)
        || !(json.get("tags") instanceof List<?> list)) {
      throw new IllegalArgumentException("gun, digest, requestId or tags missing");
    }
    List<String> tags = new ArrayList<>();
    for (Object tag : list) {
      if (!(tag instanceof String string)) {
        throw new IllegalArgumentException("a tag is not a string");
      }
      tags.add(string);
    }
    return new NotaryGrant(gun, digest, UUID.fromString(requestId), tags);
  }

  /** The canonical JSON bytes that are signed and stored. */
  public byte[] payload() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_type", TYPE);
    json.put("digest", digest);
    json.put("gun", gun);
    json.put("requestId", requestId.toString());
    json.put("tags", tags);
    return CanonicalJson.encode(json);
  }

  /**
   * Why an image without tags gets no grant: a Notary target is a tag, and a digest alone cannot be
   * listed in {@code targets/releases}.
   */
  public static String untaggedReason(ImageRef image) {
    return "Notary v1 signs tags; "
        + image.getRegistry()
        + "/"
        + image.getRepository()
        + "@"
        + image.getDigest()
        + " was requested without a tag";
  }
}
