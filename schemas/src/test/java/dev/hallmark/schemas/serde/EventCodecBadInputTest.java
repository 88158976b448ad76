package dev.hallmark.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.schemas.SampleEvents;
import dev.hallmark.schemas.serde.MalformedEventException.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class EventCodecBadInputTest {

  private final EventCodec codec = EventCodec.standard();
  private final byte[] valid = codec.encode(SampleEvents.signingRequested());

  @Test
  void decode_emptyArray_throwsMalformedTooShort() {
    MalformedEventException e =
        catchThrowableOfType(MalformedEventException.class, () -> codec.decode(new byte[0]));

    assertThat(e).isInstanceOf(EventDecodingException.class);
    assertThat(e.problem()).isEqualTo(Problem.TOO_SHORT);
    assertThat(e.length()).isZero();
  }

  @Test
  void decode_headerCutShort_throwsMalformedTooShort() {
    MalformedEventException e =
        catchThrowableOfType(
            MalformedEventException.class, () -> codec.decode(Arrays.copyOf(valid, 9)));

    assertThat(e.problem()).isEqualTo(Problem.TOO_SHORT);
  }

  @Test
  void decode_wrongMarker_throwsMalformedBadMarker() {
    byte[] bytes = valid.clone();
    bytes[1] = 0x02;

    MalformedEventException e =
        catchThrowableOfType(MalformedEventException.class, () -> codec.decode(bytes));

    assertThat(e.problem()).isEqualTo(Problem.BAD_MARKER);
    assertThat(e.schemaName()).isNull();
  }

  @Test
  void decode_truncatedDatum_throwsMalformedCorruptDatum() {
    byte[] truncated = Arrays.copyOf(valid, valid.length - 5);

    MalformedEventException e =
        catchThrowableOfType(MalformedEventException.class, () -> codec.decode(truncated));

    assertThat(e.problem()).isEqualTo(Problem.CORRUPT_DATUM);
    assertThat(e.schemaName()).isEqualTo("dev.hallmark.events.SigningRequested");
    assertThat(e.length()).isEqualTo(truncated.length);
  }

  @Test
  void decode_bytesAfterDatum_throwsMalformedTrailingBytes() {
    byte[] extended = Arrays.copyOf(valid, valid.length + 1);

    MalformedEventException e =
        catchThrowableOfType(MalformedEventException.class, () -> codec.decode(extended));

    assertThat(e.problem()).isEqualTo(Problem.TRAILING_BYTES);
  }

  @Test
  void decode_unknownFingerprint_throwsUnknownSchemaWithHex() {
    byte[] bytes = Arrays.copyOf(SingleObjectEncoding.header(0x0123456789abcdefL), 12);

    UnknownSchemaException e =
        catchThrowableOfType(UnknownSchemaException.class, () -> codec.decode(bytes));

    assertThat(e).isInstanceOf(EventDecodingException.class);
    assertThat(e.fingerprint()).isEqualTo(0x0123456789abcdefL);
    assertThat(e.fingerprintHex()).isEqualTo("0123456789abcdef");
    assertThat(e.getMessage()).contains("0123456789abcdef");
  }

  @Test
  void decode_hugeDeclaredArrayLength_throwsMalformedWithoutAllocating() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(SigningRequested.getClassSchema()));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    encoder.writeString(SampleEvents.REQUEST_ID.toString());
    encoder.writeString(SampleEvents.REQUEST_ID.toString());
    encoder.writeLong(0L);
    encoder.writeString("project");
    encoder.writeString("policy");
    encoder.writeLong(Integer.MAX_VALUE - 16); // block count of "images", with no items following

    MalformedEventException e =
        catchThrowableOfType(MalformedEventException.class, () -> codec.decode(out.toByteArray()));

    assertThat(e.problem()).isEqualTo(Problem.CORRUPT_DATUM);
  }

  @Test
  void decode_hugeDeclaredStringLength_throwsMalformedWithoutAllocating() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(SigningRequested.getClassSchema()));
    EncoderFactory.get().directBinaryEncoder(out, null).writeLong(Integer.MAX_VALUE - 16);

    MalformedEventException e =
        catchThrowableOfType(MalformedEventException.class, () -> codec.decode(out.toByteArray()));

    assertThat(e.problem()).isEqualTo(Problem.CORRUPT_DATUM);
  }

  @Test
  void decode_invalidValue_throwsMalformedWhoseMessagesOmitThePayload() throws IOException {
    Schema schema = SigningRequested.getClassSchema();
    GenericRecord record = asGeneric(valid, schema);
    record.put("eventId", "SECRET-not-a-uuid");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(schema));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);

    MalformedEventException e =
        catchThrowableOfType(MalformedEventException.class, () -> codec.decode(out.toByteArray()));

    assertThat(e.problem()).isEqualTo(Problem.CORRUPT_DATUM);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain("SECRET");
    }
  }

  @Test
  void decodeTyped_otherEventType_throwsUnexpectedEventType() {
    UnexpectedEventTypeException e =
        catchThrowableOfType(
            UnexpectedEventTypeException.class, () -> codec.decode(valid, PolicyDecision.class));

    assertThat(e.expectedType()).isEqualTo(PolicyDecision.class.getName());
    assertThat(e.actualType()).isEqualTo(SigningRequested.class.getName());
  }

  @Test
  void encode_sharedTypeThatIsNoEvent_throwsIllegalArgument() {
    assertThatThrownBy(() -> codec.encode(SampleEvents.image()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Hallmark event");
  }

  @Test
  void encode_nullInRequiredField_throwsIllegalArgument() {
    SigningRequested event = SampleEvents.signingRequested();
    event.setProject(null);

    assertThatThrownBy(() -> codec.encode(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SigningRequested");
  }

  private static byte[] header(Schema schema) {
    return SingleObjectEncoding.header(SingleObjectEncoding.fingerprint(schema));
  }

  private static GenericRecord asGeneric(byte[] encoded, Schema schema) throws IOException {
    int offset = SingleObjectEncoding.HEADER_LENGTH;
    return new GenericDatumReader<GenericRecord>(schema)
        .read(
            null,
            DecoderFactory.get().binaryDecoder(encoded, offset, encoded.length - offset, null));
  }
}
