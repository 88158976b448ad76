package dev.hallmark.schemas.auth;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.PolicyDecision;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bytes policy-service signs for a {@link PolicyDecision}: an explicit, versioned layout of the
 * decision's content. Not its Avro encoding: a reader holding an older or newer schema decodes the
 * same decision into an object that Avro would encode differently, but the layout below is the same
 * for every reader that knows its fields.
 *
 * <p><b>Layout v1</b> ({@link #v1}): the UTF-8 bytes of {@value #PREFIX_V1} (domain separation: no
 * other message the key might sign starts like this), then these fields, in this order:
 *
 * <ol>
 *   <li>{@code eventId}, {@code requestId}: uuid
 *   <li>{@code occurredAt}: int64, milliseconds since the epoch
 *   <li>{@code outcome}: string, the enum symbol's name
 *   <li>{@code reason}: nullable string
 *   <li>{@code project}, {@code signingPolicy}: string
 *   <li>{@code policyVersion}: int32
 *   <li>{@code methods}: list of string, the enum symbols' names
 *   <li>{@code keyId}: nullable string
 *   <li>{@code approvers}: list of string
 *   <li>{@code origin}: nullable record of {@code repositoryUrl}, {@code ref}, {@code commit},
 *       {@code buildUrl} (nullable strings), {@code verified} (bool), {@code issuer} (nullable
 *       string), {@code claims} (map)
 *   <li>{@code images}: list of records of {@code registry}, {@code repository}, {@code digest}
 *       (strings), {@code tags} (list of string)
 * </ol>
 *
 * Encodings: int32 and int64 big-endian two's complement; bool one byte, 0 or 1; uuid 16 bytes, the
 * most significant half first; string: its length in UTF-8 bytes as int32, then the bytes (text
 * that is not valid Unicode is refused); nullable X: byte 0 for null, else byte 1 and X; list: the
 * count as int32, then the elements in order; map: the count as int32, then key and value (strings)
 * of each entry, in the unsigned byte order of the keys' UTF-8 bytes. Everything is
 * length-prefixed, so no two different decisions have the same bytes.
 *
 * <p>Every field of the decision is covered except {@code authenticator} itself. <b>v1 never
 * changes</b> ({@code DecisionContentTest} pins it byte for byte). A schema change that adds a
 * field signer-service acts on must add a new layout (v2, with its own prefix and {@link
 * DecisionAuthenticator} version), and signer-service must accept it before policy-service writes
 * it; a field added only for humans may stay outside the signed content.
 */
public final class DecisionContent {
  /** Starts every v1 content; the trailing newline ends the prefix. */
  public static final String PREFIX_V1 = "hallmark-policy-decision-v1\n";

  private DecisionContent() {}

  /**
   * @throws IllegalArgumentException if a text field is not valid Unicode (unpaired surrogates)
   */
  public static byte[] v1(PolicyDecision decision) {
    Writer out = new Writer();
    out.raw(PREFIX_V1.getBytes(StandardCharsets.UTF_8));
    out.uuid(decision.getEventId());
    out.uuid(decision.getRequestId());
    out.int64(decision.getOccurredAt().toEpochMilli());
    out.string(decision.getOutcome().name());
    out.nullableString(decision.getReason());
    out.string(decision.getProject());
    out.string(decision.getSigningPolicy());
    out.int32(decision.getPolicyVersion());
    out.int32(decision.getMethods().size());
    decision.getMethods().forEach(method -> out.string(method.name()));
    out.nullableString(decision.getKeyId());
    out.strings(decision.getApprovers());
    origin(out, decision.getOrigin());
    out.int32(decision.getImages().size());
    for (ImageRef image : decision.getImages()) {
      out.string(image.getRegistry());
      out.string(image.getRepository());
      out.string(image.getDigest());
      out.strings(image.getTags());
    }
    return out.bytes();
  }

  private static void origin(Writer out, Origin origin) {
    if (origin == null) {
      out.int8(0);
      return;
    }
    out.int8(1);
    out.nullableString(origin.getRepositoryUrl());
    out.nullableString(origin.getRef());
    out.nullableString(origin.getCommit());
    out.nullableString(origin.getBuildUrl());
    out.int8(origin.getVerified() ? 1 : 0);
    out.nullableString(origin.getIssuer());
    List<Map.Entry<byte[], String>> claims =
        origin.getClaims().entrySet().stream()
            .map(claim -> Map.entry(utf8(claim.getKey()), claim.getValue()))
            .sorted((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()))
            .toList();
    out.int32(claims.size());
    for (Map.Entry<byte[], String> claim : claims) {
      out.bytes(claim.getKey());
      out.string(claim.getValue());
    }
  }

  /** Strict UTF-8: an unpaired surrogate would otherwise become '?', and two texts one encoding. */
  private static byte[] utf8(String text) {
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a decision field is not valid Unicode text", e);
    }
  }

  /** The primitive encodings of the layout. */
  private static final class Writer {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

    void raw(byte[] bytes) {
      buffer.writeBytes(bytes);
    }

    void int8(int value) {
      raw(new byte[] {(byte) value});
    }

    void int32(int value) {
      raw(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
    }

    void int64(long value) {
      raw(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    void uuid(UUID value) {
      int64(value.getMostSignificantBits());
      int64(value.getLeastSignificantBits());
    }

    void bytes(byte[] value) {
      int32(value.length);
      raw(value);
    }

    void string(String value) {
      bytes(utf8(value));
    }

    void nullableString(String value) {
      if (value == null) {
        int8(0);
      } else {
        int8(1);
        string(value);
      }
    }

    void strings(List<String> values) {
      int32(values.size());
      values.forEach(this::string);
    }

    byte[] bytes() {
      return buffer.toByteArray();
    }
  }
}
