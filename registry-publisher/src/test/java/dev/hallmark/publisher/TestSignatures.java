package dev.hallmark.publisher;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SigningMethod;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Signature events as signer-service emits them, for the publisher's integration tests. */
public final class TestSignatures {
  private TestSignatures() {}

  public static String repository() {
    return "it/publisher-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A SignatureCreated as signer-service would emit it: cosign payload, ECDSA P-256 signature. */
  public static SignatureCreated signed(
      String registry, String repository, String digest, KeyPair key, String keyId)
      throws Exception {
    byte[] payload =
        ("{\"critical\":{\"identity\":{\"docker-reference\":\""
                + registry
                + "/"
                + repository
                + "\"},\"image\":{\"docker-manifest-digest\":\""
                + digest
                + "\"},\"type\":\"cosign container image signature\"},"
                + "\"optional\":{\"creator\":\"hallmark-it\",\"timestamp\":"
                + Instant.now().getEpochSecond()
                + "}}")
            .getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate());
    signer.update(payload);
    return SignatureCreated.newBuilder()
        .setEventId(UUID.randomUUID())
        .setRequestId(UUID.randomUUID())
        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setImage(
            ImageRef.newBuilder()
                .setRegistry(registry)
                .setRepository(repository)
                .setDigest(digest)
                .setTags(List.of("1.0"))
                .build())
        .setMethod(SigningMethod.COSIGN)
        .setKeyId(keyId)
        .setPayload(ByteBuffer.wrap(payload))
        .setSignature(ByteBuffer.wrap(signer.sign()))
        .setPayloadDigest(
            "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)))
        .setCertificate(null)
        .build();
  }
}
