package dev.hallmark.runtime.messaging;

/** Test stand-in for service-runtime's listener interface, which this module does not depend on. */
public interface RecordListener {}
