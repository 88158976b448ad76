package dev.hallmark.audit.checkpoint;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code audit.checkpoint} (insert-only like the ledger): one signed checkpoint.
 *
 * @param keyId SHA-256 of the signing key's SubjectPublicKeyInfo, hex
 * @param note the signed note, exactly as exported and served
 */
@MappedEntity("checkpoint")
public record CheckpointRow(
    @Id long treeSize, byte[] rootHash, Instant signedAt, String keyId, String note) {}
