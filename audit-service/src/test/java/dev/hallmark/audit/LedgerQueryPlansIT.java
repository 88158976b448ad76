package dev.hallmark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.audit.ledger.EntryDraft;
import dev.hallmark.audit.ledger.LedgerAppender;
import dev.hallmark.audit.ledger.LedgerEntry;
import dev.hallmark.audit.ledger.LedgerFilter;
import dev.hallmark.audit.ledger.LedgerSql;
import dev.hallmark.deploy.local.infrastructure.Infrastructure;
import dev.hallmark.deploy.local.testing.TestInfrastructure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit API's queries use the indexes of V7__ledger_query_indexes.sql: EXPLAIN of each filter's
 * statement over a few thousand entries, as PostgreSQL plans it after ANALYZE, in a database of its
 * own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerQueryPlansIT implements TestPropertyProvider {
  static final int BULK = 4000;
  final Infrastructure infra = TestInfrastructure.shared();
  final String jdbcUrl = TestDatabases.create(infra, "plans");
  final String digest = AuditQueryIT.digest();
  final String requestId = UUID.randomUUID().toString();

  @Inject LedgerAppender appender;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(AuditServiceProperties.of(infra, jdbcUrl));
    properties.put("hallmark.audit.checkpoint-interval", "1h");
    return properties;
  }

  @BeforeAll
  void fewThousandEntries() throws Exception {
    for (int i = 0; i < BULK / 500; i++) {
      appender.append(TestEntries.drafts(500, "bulk"));
    }
    Map<String, Object> image = AuditQueryIT.image("registry.test", "rare/app", digest);
    List<EntryDraft> rare = new ArrayList<>();
    rare.add(
        AuditQueryIT.draft(
            "SignatureCreated",
            requestId,
            Map.of("image", image, "method", "NOTARY", "digests", List.of(digest))));
    rare.add(
        AuditQueryIT.draft(
            "PolicyDecision",
            requestId,
            Map.of("project", "rare", "outcome", "DENIED", "images", List.of(image))));
    rare.add(
        AuditQueryIT.draft("ProjectCatalogued", null, Map.of("project", "rare", "actor", "x")));
    List<LedgerEntry> appended = appender.append(rare);
    assertThat(appended).hasSize(3);
    try (Connection connection = TestDatabases.superuser(infra, jdbcUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE audit.ledger_entry");
    }
  }

  @Test
  void eachFilter_usesItsIndex() throws Exception {
    assertThat(plan(filter(requestId, null, null, null, null, null, null)))
        .contains("ledger_entry_request_id_seq");
    assertThat(plan(filter(null, "rare/app", null, null, null, null, null)))
        .contains("ledger_entry_repositories");
    assertThat(plan(filter(null, "registry.test/rare/app", null, null, null, null, null)))
        .contains("ledger_entry_repositories");
    assertThat(plan(filter(null, null, digest, null, null, null, null)))
        .contains("ledger_entry_digests");
    assertThat(plan(filter(null, null, null, "x", null, null, null)))
        .contains("ledger_entry_actor_seq");
    assertThat(plan(filter(null, null, null, null, "NOTARY", null, null)))
        .contains("ledger_entry_method_seq");
    assertThat(plan(filter(null, null, null, null, null, "DENIED", null)))
        .contains("ledger_entry_outcome_seq");
    assertThat(plan(filter(null, null, null, null, null, null, "rare")))
        .contains("ledger_entry_project_seq");
  }

  @Test
  void noFilter_walksThePrimaryKeyInSeqOrder() throws Exception {
    assertThat(plan(LedgerFilter.NONE)).contains("ledger_entry_pkey").doesNotContain("Sort");
  }

  private static LedgerFilter filter(
      String requestId,
      String repository,
      String digest,
      String actor,
      String method,
      String outcome,
      String project) {
    return new LedgerFilter(
        requestId, repository, digest, actor, method, outcome, project, null, null);
  }

  /** EXPLAIN of the statement the service runs for a page of 101 from the start. */
  private String plan(LedgerFilter filter) throws Exception {
    LedgerSql query = LedgerSql.select(filter, -1, Long.MAX_VALUE, 101);
    try (Connection connection = TestDatabases.superuser(infra, jdbcUrl)) {
      connection.createStatement().execute("SET search_path = audit");
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + query.sql())) {
        for (int i = 0; i < query.parameters().size(); i++) {
          explain.setObject(i + 1, query.parameters().get(i));
        }
        StringBuilder plan = new StringBuilder();
        try (ResultSet lines = explain.executeQuery()) {
          while (lines.next()) {
            plan.append(lines.getString(1)).append('\n');
          }
        }
        assertThat(plan.toString()).as(plan.toString()).doesNotContain("Seq Scan");
        return plan.toString();
      }
    }
  }
}
