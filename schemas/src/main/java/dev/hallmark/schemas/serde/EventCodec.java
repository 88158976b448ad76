package dev.hallmark.schemas.serde;

import dev.hallmark.schemas.serde.EventSchemaStore.WriterSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes events with Avro "Single-object encoding" (Avro 1.12 specification, section
 * "Single-object encoding", see {@link SingleObjectEncoding}) and decodes them into the current
 * generated class, whatever known schema version wrote them (section "Schema Resolution").
 *
 * <p>Immutable and thread-safe: datum readers and writers are created per call, the schema store
 * never changes.
 */
public final class EventCodec {

  private final EventSchemaStore store;

  public EventCodec(EventSchemaStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The codec over {@link EventSchemaStore#load()}, built once on first use. */
  public static EventCodec standard() {
    return Standard.CODEC;
  }

  private static final class Standard {
    static final EventCodec CODEC = new EventCodec(EventSchemaStore.load());
  }

  public EventSchemaStore schemaStore() {
    return store;
  }

  /**
   * Encodes an event with its current schema.
   *
   * @throws IllegalArgumentException if the record is not a current event type or violates its
   *     schema (e.g. null in a non-nullable field)
   */
  public byte[] encode(SpecificRecord event) {
    Class<? extends SpecificRecord> type = event.getClass();
    long fingerprint = store.currentFingerprint(type);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(SingleObjectEncoding.header(fingerprint));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<SpecificRecord>(event.getSchema(), SpecificData.getForClass(type))
          .write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NullPointerException | ClassCastException | AvroRuntimeException e) {
      throw new IllegalArgumentException(
          "Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a single-object encoded event into its current generated class.
   *
   * @throws MalformedEventException if the bytes are not a valid single-object encoded datum
   * @throws UnknownSchemaException if the writer schema's fingerprint is not in the store
   */
  public SpecificRecord decode(byte[] bytes) {
    long fingerprint = SingleObjectEncoding.readFingerprint(bytes);
    WriterSchema writer =
        store.writerSchema(fingerprint).orElseThrow(() -> new UnknownSchemaException(fingerprint));
    return readDatum(bytes, writer);
  }

  /**
   * Decodes an event that must be of the given type.
   *
   * @throws UnexpectedEventTypeException if the bytes hold another event type
   * @throws MalformedEventException if the bytes are not a valid single-object encoded datum
   * @throws UnknownSchemaException if the writer schema's fingerprint is not in the store
   */
  public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
    SpecificRecord event = decode(bytes);
    if (!type.isInstance(event)) {
      throw new UnexpectedEventTypeException(type.getName(), event.getSchema().getFullName());
    }
    return type.cast(event);
  }

  private static SpecificRecord readDatum(byte[] bytes, WriterSchema writer) {
    Schema writerSchema = writer.schema();
    SpecificData model = SpecificData.getForClass(writer.readerType());
    Schema readerSchema = model.getSchema(writer.readerType());
    try {
      // First pass: walk the datum without materialising it, so every declared length (strings,
      // bytes, array and map counts) is checked against the bytes actually present before the
      // second pass allocates anything.
      BinaryDecoder check = datumDecoder(bytes, null);
      GenericDatumReader.skip(writerSchema, check);
      if (!check.isEnd()) {
        throw MalformedEventException.trailingBytes(
            bytes.length, writerSchema.getFullName(), writer.fingerprint());
      }
      return new SpecificDatumReader<SpecificRecord>(writerSchema, readerSchema, model)
          .read(null, datumDecoder(bytes, check));
    } catch (MalformedEventException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw MalformedEventException.corruptDatum(
          bytes.length, writerSchema.getFullName(), writer.fingerprint(), e);
    }
  }

  private static BinaryDecoder datumDecoder(byte[] bytes, BinaryDecoder reuse) {
    int offset = SingleObjectEncoding.HEADER_LENGTH;
    return DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, reuse);
  }
}
