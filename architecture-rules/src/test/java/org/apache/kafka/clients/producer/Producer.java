package org.apache.kafka.clients.producer;

/** Test stand-in with the name of Kafka's producer interface. */
public interface Producer {}
