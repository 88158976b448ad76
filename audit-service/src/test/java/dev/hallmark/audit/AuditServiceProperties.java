package dev.hallmark.audit;

import dev.hallmark.deploy.local.infrastructure.DatabaseRoles;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.schemas.auth.DecisionKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

/**
 * What an audit-service test context needs: the infrastructure's endpoints, the service connecting
 * as its own role ({@link DatabaseRoles#AUDIT}, SELECT and INSERT on the ledger) and Flyway
 * migrating as the owner, like the local stack runs it; one audit key for the whole test JVM (the
 * contexts share a database, and each checkpoint must verify with the key of the one before); an
 * export directory of its own per context.
 */
public final class AuditServiceProperties {
  static final KeyPair AUDIT_KEY = DecisionKeys.generate();
  private static Path keyFile;

  private AuditServiceProperties() {}

  public static Map<String, String> of(Infrastructure infra) {
    return of(infra, infra.jdbcUrl());
  }

  /** With the service's database at {@code jdbcUrl} (one of {@link TestDatabases}). */
  public static Map<String, String> of(Infrastructure infra, String jdbcUrl) {
    DatabaseRoles.Login service = DatabaseRoles.forTests(infra, DatabaseRoles.AUDIT);
    Map<String, String> properties = new HashMap<>(infra.serviceProperties());
    properties.put("datasources.default.url", jdbcUrl);
    properties.put("datasources.default.username", service.user());
    properties.put("datasources.default.password", service.password());
    properties.put("flyway.datasources.default.user", infra.dbUser());
    properties.put("flyway.datasources.default.password", infra.dbPassword());
    properties.put("hallmark.audit.key-file", keyFile().toString());
    properties.put("hallmark.audit.export-dir", newExportDir().toString());
    properties.put("hallmark.audit.origin", "hallmark.test/audit");
    return properties;
  }

  public static synchronized Path keyFile() {
    if (keyFile == null) {
      try {
        Path dir = Files.createTempDirectory("hallmark-audit-key-");
        keyFile =
            Files.writeString(dir.resolve("audit.pem"), DecisionKeys.pem(AUDIT_KEY.getPrivate()));
        Files.writeString(dir.resolve("audit.pub"), DecisionKeys.pem(AUDIT_KEY.getPublic()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return keyFile;
  }

  /** The public key's PEM file next to the private key. */
  public static Path publicKeyFile() {
    return keyFile().resolveSibling("audit.pub");
  }

  private static Path newExportDir() {
    try {
      return Files.createTempDirectory("hallmark-audit-export-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
