package dev.hallmark.audit.verify;

import dev.hallmark.audit.ledger.CanonicalJson;
import dev.hallmark.schemas.auth.DecisionKeyException;
import dev.hallmark.schemas.auth.DecisionKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Verifies the audit ledger from outside the service:
 *
 * <pre>
 * java -cp audit-service/target/audit-service.jar dev.hallmark.audit.verify.VerifyCommand \
 *   --jdbc jdbc:postgresql://host:5432/hallmark --user hallmark \
 *   --export-dir /var/lib/hallmark/audit-export --public-key audit-key.pub [--schema audit]
 * </pre>
 *
 * The database password is read from {@code HALLMARK_DB_PASSWORD} or {@code --password-file}, never
 * from the command line. Any role that may SELECT the ledger will do. Prints the report as JSON
 * (the shape of {@code GET /api/v1/audit/verify}); exit code 0 when valid, 1 when not, 2 when it
 * could not run.
 */
public final class VerifyCommand {
  static final String USAGE =
      "usage: VerifyCommand --jdbc <url> --user <user> [--password-file <file>] --export-dir <dir>"
          + " --public-key <pem> [--schema audit]\n"
          + "  the password comes from --password-file or the variable HALLMARK_DB_PASSWORD";

  private VerifyCommand() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage() + "\n" + USAGE);
      return 2;
    }
    try {
      PublicKey key = DecisionKeys.readPublicKey(Path.of(options.get("--public-key")));
      VerificationReport report = verify(options, env, key);
      out.println(new String(CanonicalJson.encode(json(report)), StandardCharsets.UTF_8));
      return report.valid() ? 0 : 1;
    } catch (DecisionKeyException | IOException | SQLException e) {
      err.println("could not verify: " + e.getMessage());
      return 2;
    }
  }

  private static VerificationReport verify(
      Map<String, String> options, Map<String, String> env, PublicKey key)
      throws IOException, SQLException {
    Optional<ExportedLedger> export;
    try {
      export = ExportedLedger.read(Path.of(options.get("--export-dir")), key);
    } catch (ExportException e) {
      return LedgerVerifier.exportUnusable(e.getMessage());
    }
    if (export.isEmpty()) {
      return LedgerVerifier.exportUnusable("no checkpoint in " + options.get("--export-dir"));
    }
    Properties connection = new Properties();
    connection.setProperty("user", options.get("--user"));
    connection.setProperty("password", password(options, env));
    connection.setProperty("connectTimeout", "10");
    try (Connection db = DriverManager.getConnection(options.get("--jdbc"), connection)) {
      return LedgerVerifier.verify(
          export.get().leafHashes(),
          StoredRows.read(db, options.getOrDefault("--schema", "audit")));
    }
  }

  private static String password(Map<String, String> options, Map<String, String> env)
      throws IOException {
    if (options.containsKey("--password-file")) {
      return Files.readString(Path.of(options.get("--password-file")), StandardCharsets.UTF_8)
          .trim();
    }
    return env.getOrDefault("HALLMARK_DB_PASSWORD", "");
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!List.of(
              "--jdbc", "--user", "--password-file", "--export-dir", "--public-key", "--schema")
          .contains(name)) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options.put(name, args.get(i + 1));
    }
    for (String required : List.of("--jdbc", "--user", "--export-dir", "--public-key")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException(required + " is required");
      }
    }
    return options;
  }

  static Map<String, Object> json(VerificationReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", report.valid());
    json.put("treeSize", report.treeSize());
    json.put("uncoveredEntries", report.uncoveredEntries());
    if (report.problems() != null) {
      json.put(
          "problems",
          report.problems().stream()
              .map(
                  problem -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("seq", problem.seq());
                    item.put("kind", problem.kind());
                    item.put("detail", problem.detail());
                    return item;
                  })
              .toList());
    }
    return json;
  }
}
