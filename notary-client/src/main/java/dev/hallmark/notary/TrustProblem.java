package dev.hallmark.notary;

/**
 * Why trust data could not be used. Each is a different operator action, so each has its own name
 * in {@code PublicationFailed} reasons and in logs.
 */
public enum TrustProblem {
  /** The Notary server did not answer (after retries), or answered 5xx. */
  UNREACHABLE,
  /** The server has no trust data for the GUN: nobody ran the setup for this repository. */
  NOT_INITIALIZED,
  /** No pinned root is configured for the GUN, or the served root is not the pinned one. */
  ROOT_NOT_PINNED,
  /** A role is not signed by enough of the keys that may sign it. */
  BAD_SIGNATURE,
  /** A role's {@code expires} has passed. */
  EXPIRED,
  /** A role's version is lower than one already seen: the server rolled back. */
  ROLLBACK,
  /** A role's bytes do not match the length or hash its parent role lists. */
  HASH_MISMATCH,
  /** Hallmark's key is not a key of {@code targets/releases}, or the role does not exist. */
  NOT_DELEGATED,
  /** A document is not valid JSON of the expected shape. */
  MALFORMED,
  /** Someone else published first: the server refused the version. Retry from a fresh fetch. */
  CONFLICT,
  /** The server refused the publication for another reason. */
  REJECTED
}
