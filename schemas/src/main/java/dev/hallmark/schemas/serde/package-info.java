/**
 * Binary serde for Hallmark events: Avro single-object encoding ({@link
 * dev.hallmark.schemas.serde.EventCodec}), the schema store that resolves writer schemas by
 * fingerprint, including every released version ({@link
 * dev.hallmark.schemas.serde.EventSchemaStore}, {@link
 * dev.hallmark.schemas.serde.ReleasedSchemas}), and the Kafka adapters ({@link
 * dev.hallmark.schemas.serde.EventSerializer}, {@link
 * dev.hallmark.schemas.serde.EventDeserializer}).
 */
package dev.hallmark.schemas.serde;
