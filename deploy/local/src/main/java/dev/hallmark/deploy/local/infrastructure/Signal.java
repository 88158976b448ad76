package dev.hallmark.deploy.local.infrastructure;

/** The POSIX signals the launcher sends. */
public enum Signal {
  /** Graceful stop for Java processes (shutdown hooks run) and the registry. */
  TERM,
  /** PostgreSQL "fast shutdown": open sessions are disconnected instead of waited for. */
  INT,
  /** Crash simulation, and the last resort of every stop. */
  KILL
}
