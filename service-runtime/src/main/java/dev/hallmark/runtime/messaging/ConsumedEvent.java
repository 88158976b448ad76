package dev.hallmark.runtime.messaging;

import org.apache.avro.specific.SpecificRecord;

/** A decoded event of one polled batch, with where it came from. */
public record ConsumedEvent(SpecificRecord event, RecordContext context) {}
