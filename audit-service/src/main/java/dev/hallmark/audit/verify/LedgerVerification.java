package dev.hallmark.audit.verify;

import dev.hallmark.audit.checkpoint.AuditKey;
import dev.hallmark.audit.checkpoint.CheckpointExport;
import dev.hallmark.audit.checkpoint.CheckpointService;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The verifier as the service runs it ({@code GET /api/v1/audit/verify}): its own database, its
 * export directory, its own public key. The same checks as {@link VerifyCommand}, which an auditor
 * runs with inputs of their own choosing.
 */
@Singleton
public class LedgerVerification {
  private final DataSource dataSource;
  private final CheckpointExport export;
  private final CheckpointService checkpoints;
  private final AuditKey key;
  private final String schema;

  LedgerVerification(
      DataSource dataSource,
      CheckpointExport export,
      CheckpointService checkpoints,
      AuditKey key,
      @Value("${datasources.default.schema:audit}") String schema) {
    this.dataSource = dataSource;
    this.export = export;
    this.checkpoints = checkpoints;
    this.key = key;
    this.schema = schema;
  }

  /** One snapshot of the rows (REPEATABLE READ), compared with the export. */
  @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
  public VerificationReport verify() {
    Optional<ExportedLedger> exported;
    try {
      exported = ExportedLedger.read(export.directory(), key.publicKey());
    } catch (ExportException e) {
      return LedgerVerifier.exportUnusable(e.getMessage());
    }
    if (exported.isEmpty() && checkpoints.latest().isPresent()) {
      return LedgerVerifier.exportUnusable(
          "no checkpoint in " + export.directory() + ", but the database has checkpoints");
    }
    try {
      // The transaction's connection; the transaction manager closes it.
      Connection connection = dataSource.getConnection();
      return LedgerVerifier.verify(
          exported.map(ExportedLedger::leafHashes).orElse(List.of()),
          StoredRows.read(connection, schema));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the ledger: " + e.getMessage(), e);
    }
  }
}
