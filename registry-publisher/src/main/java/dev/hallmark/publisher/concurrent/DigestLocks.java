package dev.hallmark.publisher.concurrent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key ({@code <registry>/<repository>@<digest>}) within this process, created on
 * demand and dropped when nobody holds or waits for it. Across instances, Kafka keying serializes:
 * see {@code CosignSignatureStore}.
 */
public final class DigestLocks {
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

  /** A held lock; close it to release. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  public Held lock(String key) {
    Entry entry =
        locks.compute(
            key,
            (k, existing) -> {
              Entry e = existing == null ? new Entry() : existing;
              e.users++;
              return e;
            });
    entry.lock.lock();
    return () -> {
      entry.lock.unlock();
      locks.computeIfPresent(
          key,
          (k, e) -> {
            e.users--;
            return e.users == 0 ? null : e;
          });
    };
  }

  /** Keys with a holder or waiter (for tests). */
  public int size() {
    return locks.size();
  }
}
