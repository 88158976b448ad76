package dev.hallmark.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.schemas.EventTypes;
import dev.hallmark.schemas.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Decoding data written by other schema versions, through the store (Avro "Schema Resolution"). */
class EventSchemaStoreTest {

  /** SigningRequested as an older release might have had it: no origin, no webhookDeliveryId. */
  private static final Schema OLDER_SIGNING_REQUESTED =
      withoutFields(SigningRequested.getClassSchema(), "origin", "webhookDeliveryId");

  @Test
  void load_everyCurrentAndReleasedSchema_isFoundByFingerprint() {
    EventSchemaStore store = EventSchemaStore.load();

    for (Class<?> type : EventTypes.ALL) {
      Schema current = org.apache.avro.specific.SpecificData.getForClass(type).getSchema(type);
      assertThat(store.findByFingerprint(SingleObjectEncoding.fingerprint(current)))
          .isEqualTo(current);
    }
    for (ReleasedSchema released : ReleasedSchemas.load()) {
      assertThat(store.findByFingerprint(released.fingerprint())).isNotNull();
    }
    assertThat(store.findByFingerprint(42L)).isNull();
  }

  @Test
  void of_releasedSchemaWithoutCurrentClass_throwsIllegalArgument() {
    ReleasedSchema orphan = new ReleasedSchema("SigningRequested", 1, OLDER_SIGNING_REQUESTED);

    assertThatThrownBy(() -> EventSchemaStore.of(List.of(), List.of(orphan)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SigningRequested/v1.avsc has no current event class");
  }

  @Test
  void decode_writerWithoutNewerFields_fillsTheirDefaults() throws IOException {
    EventCodec codec = codecKnowing(OLDER_SIGNING_REQUESTED);
    GenericRecord old = new GenericData.Record(OLDER_SIGNING_REQUESTED);
    SigningRequested sample = SampleEvents.signingRequested();
    for (Schema.Field field : OLDER_SIGNING_REQUESTED.getFields()) {
      old.put(field.name(), genericValue(sample, field.name()));
    }

    SigningRequested decoded =
        codec.decode(write(OLDER_SIGNING_REQUESTED, old), SigningRequested.class);

    assertThat(decoded.getOrigin()).isNull();
    assertThat(decoded.getWebhookDeliveryId()).isNull();
    assertThat(decoded.getProject()).isEqualTo(sample.getProject());
    assertThat(decoded.getOccurredAt()).isEqualTo(sample.getOccurredAt());
  }

  @Test
  void decode_writerWithNewEnumSymbol_readsEnumDefaultUnknown() throws IOException {
    Schema newer = withExtraSigningMethod(SigningRequested.getClassSchema(), "SIGSTORE_BUNDLE");
    EventCodec codec = codecKnowing(newer);
    SigningRequested sample = SampleEvents.signingRequested();
    GenericRecord record = new GenericData.Record(newer);
    for (Schema.Field field : newer.getFields()) {
      record.put(field.name(), genericValue(sample, field.name()));
    }
    Schema method = newer.getField("methods").schema().getElementType();
    record.put("methods", List.of(new GenericData.EnumSymbol(method, "SIGSTORE_BUNDLE")));

    SigningRequested decoded = codec.decode(write(newer, record), SigningRequested.class);

    assertThat(decoded.getMethods()).containsExactly(SigningMethod.UNKNOWN);
  }

  private static EventCodec codecKnowing(Schema writer) {
    List<ReleasedSchema> released = new ArrayList<>(ReleasedSchemas.load());
    released.add(new ReleasedSchema(writer.getName(), 99, writer));
    return new EventCodec(EventSchemaStore.of(EventTypes.ALL, released));
  }

  /** A field of the sample in the representation GenericDatumWriter expects. */
  private static Object genericValue(SigningRequested sample, String field) throws IOException {
    byte[] bytes = EventCodec.standard().encode(sample);
    int offset = SingleObjectEncoding.HEADER_LENGTH;
    GenericRecord generic =
        new org.apache.avro.generic.GenericDatumReader<GenericRecord>(
                SigningRequested.getClassSchema())
            .read(
                null,
                org.apache.avro.io.DecoderFactory.get()
                    .binaryDecoder(bytes, offset, bytes.length - offset, null));
    return generic.get(field);
  }

  private static byte[] write(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SingleObjectEncoding.header(SingleObjectEncoding.fingerprint(schema)));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    return out.toByteArray();
  }

  private static Schema withoutFields(Schema schema, String... removed) {
    List<String> names = List.of(removed);
    return Schema.createRecord(
        schema.getName(),
        schema.getDoc(),
        schema.getNamespace(),
        false,
        schema.getFields().stream()
            .filter(field -> !names.contains(field.name()))
            .map(field -> new Schema.Field(field, field.schema()))
            .collect(Collectors.toList()));
  }

  private static Schema withExtraSigningMethod(Schema schema, String symbol) {
    return new Schema.Parser()
        .parse(schema.toString().replace("\"NOTATION\"]", "\"NOTATION\",\"" + symbol + "\"]"));
  }
}
