package dev.hallmark.policy.store;

/**
 * Told of every change inside the transaction that makes it, so that what it writes (an outbox
 * event) commits or rolls back with the change.
 */
public interface ProjectChangeListener {
  void changed(ProjectChange change);
}
