package dev.hallmark.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.schemas.EventTypes;
import dev.hallmark.schemas.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSerdeRoundTripTest {

  private final EventSerializer serializer = new EventSerializer();
  private final EventDeserializer deserializer = new EventDeserializer();

  static Stream<SpecificRecord> sampleEvents() {
    return SampleEvents.all().stream();
  }

  static Stream<ReleasedSchema> releasedSchemas() {
    return ReleasedSchemas.load().stream();
  }

  @Test
  void sampleEvents_coverEveryEventType() {
    assertThat(SampleEvents.all().stream().map(Object::getClass).toList())
        .isEqualTo(EventTypes.ALL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleEvents")
  void serializeThenDeserialize_everyEventType_returnsEqualEvent(SpecificRecord event) {
    byte[] bytes = serializer.serialize("topic", event);

    SpecificRecord decoded = deserializer.deserialize("topic", bytes);

    assertThat(decoded).isInstanceOf(event.getClass()).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleEvents")
  void serialize_everyEventType_writesSingleObjectHeaderOfCurrentSchema(SpecificRecord event) {
    byte[] bytes = serializer.serialize("topic", event);

    assertThat(bytes).startsWith(SingleObjectEncoding.header(fingerprint(event.getSchema())));
  }

  /** Avro's own BinaryMessageEncoder implements the same spec section; the bytes must agree. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sampleEvents")
  void encode_everyEventType_equalsAvroReferenceSingleObjectEncoder(SpecificRecord event)
      throws IOException {
    ByteBuffer reference =
        new BinaryMessageEncoder<SpecificRecord>(
                SpecificData.getForClass(event.getClass()), event.getSchema())
            .encode(event);
    byte[] expected = new byte[reference.remaining()];
    reference.get(expected);

    assertThat(EventCodec.standard().encode(event)).isEqualTo(expected);
  }

  @Test
  void serialize_withHeaders_setsEventTypeHeaderOnce() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventSerializer.EVENT_TYPE_HEADER, "stale".getBytes(StandardCharsets.UTF_8));

    serializer.serialize("topic", headers, SampleEvents.policyDecision());

    Header[] typeHeaders = headers.toArray();
    assertThat(typeHeaders).hasSize(1);
    assertThat(typeHeaders[0].key()).isEqualTo(EventSerializer.EVENT_TYPE_HEADER);
    assertThat(new String(typeHeaders[0].value(), StandardCharsets.UTF_8))
        .isEqualTo("PolicyDecision");
  }

  @Test
  void serializeAndDeserialize_null_returnNull() {
    assertThat(serializer.serialize("topic", new RecordHeaders(), null)).isNull();
    assertThat(serializer.serialize("topic", null)).isNull();
    assertThat(deserializer.deserialize("topic", null)).isNull();
  }

  @Test
  void decode_withExpectedType_returnsTypedEvent() {
    EventCodec codec = EventCodec.standard();

    var decoded =
        codec.decode(
            codec.encode(SampleEvents.signatureCreated()),
            dev.hallmark.events.SignatureCreated.class);

    assertThat(decoded.getPayloadDigest()).isEqualTo("sha256:" + "cd".repeat(32));
  }

  /**
   * Writes the sample as a released version would have written it (a GenericDatumWriter over the
   * released schema, behind a single-object header with the released fingerprint) and decodes it
   * into the current class.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedSchemas")
  void decode_bytesWrittenWithReleasedSchema_readsIntoCurrentClass(ReleasedSchema released)
      throws IOException {
    SpecificRecord sample = sampleOf(released.eventType());
    GenericRecord asReleased = project(sample, released.schema());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SingleObjectEncoding.header(released.fingerprint()));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(released.schema()).write(asReleased, encoder);

    SpecificRecord decoded = EventCodec.standard().decode(out.toByteArray());

    assertThat(decoded).isInstanceOf(sample.getClass());
    assertThat(project(decoded, released.schema())).isEqualTo(asReleased);
  }

  @Test
  void decode_manyThreadsSharingOneCodec_returnsEqualEvents() throws Exception {
    EventCodec codec = EventCodec.standard();
    List<byte[]> encoded = SampleEvents.all().stream().map(codec::encode).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results =
          pool.invokeAll(
              Stream.generate(
                      () ->
                          (java.util.concurrent.Callable<Boolean>)
                              () -> {
                                for (int i = 0; i < 200; i++) {
                                  for (int j = 0; j < encoded.size(); j++) {
                                    if (!codec
                                        .decode(encoded.get(j))
                                        .equals(SampleEvents.all().get(j))) {
                                      return false;
                                    }
                                  }
                                }
                                return true;
                              })
                  .limit(16)
                  .toList());
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The event as a generic record of {@code target}, by Avro schema resolution. */
  private static GenericRecord project(SpecificRecord event, Schema target) throws IOException {
    byte[] bytes = EventCodec.standard().encode(event);
    int offset = SingleObjectEncoding.HEADER_LENGTH;
    return new GenericDatumReader<GenericRecord>(event.getSchema(), target)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null));
  }

  private static SpecificRecord sampleOf(String eventType) {
    return SampleEvents.all().stream()
        .filter(event -> event.getSchema().getName().equals(eventType))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample for " + eventType));
  }

  private static long fingerprint(Schema schema) {
    return SingleObjectEncoding.fingerprint(schema);
  }
}
