package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Path;

/**
 * An existing PostgreSQL data directory was reused, but the password kept for it is not accepted:
 * the two got out of step (e.g. the secrets file was deleted and regenerated).
 */
public final class StoredPasswordRejectedException extends InfrastructureException {
  private final Path dataDir;

  public StoredPasswordRejectedException(Path dataDir, Path passwordFile) {
    super(
        "postgres",
        "the password in "
            + passwordFile
            + " is rejected by the cluster in "
            + dataDir
            + "; delete both to start with a fresh database",
        null);
    this.dataDir = dataDir;
  }

  public Path dataDir() {
    return dataDir;
  }
}
