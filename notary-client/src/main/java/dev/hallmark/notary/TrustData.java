package dev.hallmark.notary;

import java.util.Optional;

/**
 * The role files of one GUN as fetched, unverified: {@link TrustChainVerifier} decides whether they
 * can be trusted.
 *
 * @param releases {@code targets/releases.json}; empty when the server has none yet (nothing was
 *     published to the delegation)
 */
public record TrustData(
    String gun,
    byte[] root,
    byte[] timestamp,
    byte[] snapshot,
    byte[] targets,
    Optional<byte[]> releases) {}
