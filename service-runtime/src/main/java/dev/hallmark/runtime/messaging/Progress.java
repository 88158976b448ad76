package dev.hallmark.runtime.messaging;

import java.time.Duration;

/**
 * What became of the records of one partition in one poll.
 *
 * @param nextOffset the offset to commit (the one after the last record applied or parked, with
 *     none before it left), or -1 if none was
 * @param retryFrom the offset of the first record neither applied nor parked, or -1 if there is
 *     none
 * @param retryAfter how long the partition waits before {@code retryFrom} is tried again
 */
record Progress(long nextOffset, long retryFrom, Duration retryAfter) {
  static Progress done(long nextOffset) {
    return new Progress(nextOffset, -1, Duration.ZERO);
  }

  static Progress retry(long nextOffset, long retryFrom, Duration retryAfter) {
    return new Progress(nextOffset, retryFrom, retryAfter);
  }

  boolean stuck() {
    return retryFrom >= 0;
  }
}
