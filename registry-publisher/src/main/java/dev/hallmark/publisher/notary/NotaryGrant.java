package dev.hallmark.publisher.notary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SignatureCreated;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What signer-service approved for Notary: the payload of a {@code SignatureCreated} with method
 * NOTARY, {@code {"_type":"HallmarkNotaryGrant","digest":…,"gun":…,"requestId":…,"tags":[…]}}.
 */
public record NotaryGrant(String gun, String digest, List<String> tags, UUID requestId) {
  static final String TYPE = "HallmarkNotaryGrant";
  private static final ObjectMapper JSON = new ObjectMapper();

  public NotaryGrant {
    tags = List.copyOf(tags);
  }

  /**
   * @throws InvalidGrantException if the payload is not a grant for the event's image and request
   */
  public static NotaryGrant of(SignatureCreated signature) {
    JsonNode payload;
    try {
      ByteBuffer buffer = signature.getPayload().duplicate();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      payload = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new InvalidGrantException("Notary grant payload is not JSON");
    }
    if (payload == null || !TYPE.equals(payload.path("_type").asText())) {
      throw new InvalidGrantException("payload is not a " + TYPE);
    }
    ImageRef image = signature.getImage();
    String gun = image.getRegistry() + "/" + image.getRepository();
    if (!gun.equals(payload.path("gun").asText())) {
      throw new InvalidGrantException(
          "grant names " + payload.path("gun").asText() + ", not " + gun);
    }
    if (!image.getDigest().equals(payload.path("digest").asText())) {
      throw new InvalidGrantException("grant is for another digest than the image");
    }
    if (!signature.getRequestId().toString().equals(payload.path("requestId").asText())) {
      throw new InvalidGrantException("grant is for another request");
    }
    List<String> tags = new ArrayList<>();
    payload.path("tags").forEach(tag -> tags.add(tag.asText()));
    if (tags.isEmpty()) {
      throw new InvalidGrantException("grant has no tags");
    }
    return new NotaryGrant(gun, image.getDigest(), tags, signature.getRequestId());
  }

  /** Why a NOTARY signature event cannot be published. */
  public static final class InvalidGrantException extends RuntimeException {
    InvalidGrantException(String message) {
      super(message);
    }
  }
}
