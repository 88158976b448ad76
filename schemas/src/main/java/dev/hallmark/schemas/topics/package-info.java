/**
 * The topic catalogue: every Kafka topic Hallmark uses, with its key, its single writer and its
 * consumers ({@link dev.hallmark.schemas.topics.Topics}). Services name topics only through these
 * constants.
 */
package dev.hallmark.schemas.topics;
