/**
 * Hallmark's event contract: the list of event types ({@link dev.hallmark.schemas.EventTypes}) and
 * the fields every event shares ({@link dev.hallmark.schemas.EventEnvelope}). The event classes
 * themselves are generated from {@code src/main/avro} into package {@code dev.hallmark.events}; the
 * serde is in {@code dev.hallmark.schemas.serde}, the topic catalogue in {@code
 * dev.hallmark.schemas.topics}.
 */
package dev.hallmark.schemas;
