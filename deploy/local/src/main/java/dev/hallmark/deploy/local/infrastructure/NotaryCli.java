package dev.hallmark.deploy.local.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Notary v1 client ({@code notary}) bound to one trust directory and one server: sets up a
 * repository's trust data the way Docker Content Trust expects it, publishes targets, and lists
 * them as an independent verifier.
 *
 * <p>The client's keys are encrypted with a random passphrase, generated once per trust directory
 * and kept in a 0600 file inside it; it reaches the client through the child's environment only,
 * never its command line, a log or an exception message. Every command is bounded in time, reads
 * {@code /dev/null} (a wrong passphrase fails instead of waiting at a prompt) and, failing, throws
 * {@link NotaryCommandException} quoting the end of its output. One command runs at a time per
 * instance: the client keeps a change list in the trust directory.
 */
public final class NotaryCli {
  public static final String COMPONENT = "notary";
  public static final String ENV = "HALLMARK_NOTARY_BIN";

  /** The delegation Hallmark's key signs, the role {@code docker trust} reads and writes. */
  public static final String RELEASES_ROLE = "targets/releases";

  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  static final String PASSPHRASE_FILE = "hallmark-passphrase";
  private static final String CLIENT_CONFIG = "hallmark-client.json";
  private static final Path DEFAULT_BINARY = Path.of("/usr/bin/notary");
  private static final int OUTPUT_LINES = 20;

  /**
   * One passphrase for all four: the keys and the passphrase file share the directory, so distinct
   * passphrases would protect nothing more.
   */
  private static final List<String> PASSPHRASE_VARIABLES =
      List.of(
          "NOTARY_ROOT_PASSPHRASE",
          "NOTARY_TARGETS_PASSPHRASE",
          "NOTARY_SNAPSHOT_PASSPHRASE",
          "NOTARY_DELEGATION_PASSPHRASE");

  /** Also keeps an argument from ever being read as a flag. */
  private static final Pattern GUN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");

  /** The OCI tag grammar. */
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** {@code NAME DIGEST SIZE (BYTES) ROLE}, columns padded with spaces. */
  private static final Pattern LIST_ROW =
      Pattern.compile("(\\S+)\\s+([0-9a-f]{64})\\s+(\\d+)\\s+(\\S+)");

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The root key a verifier pins for a repository: the id of the {@code ecdsa-x509} key in {@code
   * root.json}'s {@code signed.roles.root.keyids}, as the client's {@code trust_pinning.certs}
   * takes it.
   */
  public record RootPin(String gun, String rootKeyId) {}

  /** One row of {@code notary list}. */
  public record Target(String name, String sha256Hex, long size, String role) {}

  /** A target to add by hash: an image tag with its manifest's digest and size. */
  public record TargetHash(String tag, String sha256Hex, long size) {
    public TargetHash {
      requireTag(tag);
      requireSha256Hex(sha256Hex);
      if (size < 0) {
        throw new IllegalArgumentException("size must not be negative: " + size);
      }
    }
  }

  private final Path binary;
  private final Path trustDir;
  private final String serverUrl;
  private final String passphrase;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private NotaryCli(Path binary, Path trustDir, String serverUrl, String passphrase) {
    this.binary = binary;
    this.trustDir = trustDir;
    this.serverUrl = serverUrl;
    this.passphrase = passphrase;
  }

  /** Env {@code HALLMARK_NOTARY_BIN}, else {@code /usr/bin/notary}. */
  public static Path binary() {
    String configured = System.getenv(ENV);
    return configured == null || configured.isBlank() ? DEFAULT_BINARY : Path.of(configured);
  }

  /** Whether the notary client is installed. */
  public static boolean available() {
    return Files.isExecutable(binary());
  }

  /**
   * A client on {@code trustDir} (created 0700 if missing, with its passphrase file) talking to
   * {@code serverUrl}, e.g. {@code http://127.0.0.1:4443}.
   */
  public static NotaryCli open(Path trustDir, String serverUrl) {
    Path binary = binary();
    if (!Files.isExecutable(binary)) {
      throw new MissingBinaryException(COMPONENT, binary, "apt-get install notary, or set " + ENV);
    }
    Path dir = trustDir.toAbsolutePath().normalize();
    createPrivateDirectory(dir);
    // An explicit (empty) configuration file: without one the client would read
    // ~/.notary/config.json, whose pinning or TLS settings would change what these commands do.
    writeConfig(dir.resolve(CLIENT_CONFIG), Map.of());
    String passphrase = Secrets.readOrCreate(dir.resolve(PASSPHRASE_FILE));
    return new NotaryCli(binary, dir, stripTrailingSlash(serverUrl), passphrase);
  }

  public Path trustDir() {
    return trustDir;
  }

  public String serverUrl() {
    return serverUrl;
  }

  /**
   * Creates the repository's trust data and publishes it: {@code init}, {@code key rotate <gun>
   * snapshot -r} (the server keeps the snapshot key, so that publishing a target needs only the
   * targets or a delegation key), {@code delegation add <gun> targets/releases <certificate>
   * --all-paths} (the key behind the certificate may sign any tag) and {@code publish}. The local
   * equivalent of SignPath's Initialize-DockerSigning followed by Add-DelegationCertificate.
   *
   * @param gun the repository, {@code <registry host:port>/<path>}
   * @param delegationCertificatePem the X.509 certificate (PEM) of the key that signs releases
   * @return the root key to pin, read from the root this client created; the server publishes it
   * @throws NotaryCommandException if the server already has trust data for the GUN ({@link
   *     #deleteRepository} removes it) or a command fails
   */
  public synchronized RootPin initializeRepository(String gun, Path delegationCertificatePem) {
    requireGun(gun);
    if (!Files.isRegularFile(delegationCertificatePem)) {
      throw new IllegalArgumentException("no certificate file " + delegationCertificatePem);
    }
    if (publishedRootKeyId(gun).isPresent()) {
      throw new NotaryCommandException(
          "init " + gun,
          "the server already has trust data for this repository; delete it first"
              + " (notary delete <gun> --remote)",
          null);
    }
    // Cached metadata of an earlier server lifetime (notary-server keeps its data in memory) would
    // make every command after init fail: the client would not trust the new root.
    run(true, "delete", gun);
    run(true, "init", gun);
    run(true, "key", "rotate", gun, "snapshot", "-r");
    run(
        true,
        "delegation",
        "add",
        gun,
        RELEASES_ROLE,
        delegationCertificatePem.toAbsolutePath().toString(),
        "--all-paths");
    run(true, "publish", gun);
    // Pinned is the root this client signed; the server's copy must be the same, else what it
    // serves would not verify with the pin.
    String created = rootKeyId(localRootJson(gun), "root.json in " + trustDir);
    String published =
        publishedRootKeyId(gun)
            .orElseThrow(
                () ->
                    new NotaryCommandException(
                        "publish " + gun, "the server has no root.json after publishing", null));
    if (!created.equals(published)) {
      throw new NotaryCommandException(
          "publish " + gun,
          "the server publishes root key " + published + ", this client created " + created,
          null);
    }
    return new RootPin(gun, created);
  }

  /**
   * The root key id of the repository's {@code root.json} as the server publishes it ({@code GET
   * /v2/<gun>/_trust/tuf/root.json}), or empty if the server has no trust data for it.
   */
  public Optional<String> publishedRootKeyId(String gun) {
    requireGun(gun);
    URI uri = URI.create(serverUrl + "/v2/" + gun + "/_trust/tuf/root.json");
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new NotaryCommandException("GET " + uri, "unreachable: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotaryCommandException("GET " + uri, "interrupted", null);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new NotaryCommandException("GET " + uri, "HTTP " + response.statusCode(), null);
    }
    return Optional.of(rootKeyId(response.body(), uri.toString()));
  }

  /** {@code notary delete <gun> --remote}: the repository's trust data, here and on the server. */
  public synchronized void deleteRepository(String gun) {
    requireGun(gun);
    run(true, "delete", gun, "--remote");
  }

  /**
   * The repository's targets as a verifier sees them: {@code notary list} with a fresh, empty trust
   * directory and a configuration that trusts only the pinned root (no trust on first use), so
   * nothing this client has cached or holds is involved.
   *
   * @throws NotaryCommandException if the root does not match the pin, or the data does not verify
   */
  public List<Target> list(String gun, RootPin pin) {
    requireGun(gun);
    if (!pin.gun().equals(gun)) {
      // A pin for another GUN would leave this one unpinned.
      throw new IllegalArgumentException("pin is for " + pin.gun() + ", not " + gun);
    }
    Path verifierDir;
    try {
      verifierDir = Files.createTempDirectory("hallmark-notary-verify-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary trust directory", e);
    }
    try {
      Path config = verifierDir.resolve("config.json");
      writeConfig(
          config,
          Map.of(
              "trust_pinning",
              Map.of("certs", Map.of(gun, List.of(pin.rootKeyId())), "disable_tofu", true)));
      String output = execute(config, verifierDir.resolve("trust"), false, List.of("list", gun));
      try {
        return parseList(output);
      } catch (IllegalArgumentException e) {
        throw new NotaryCommandException("list " + gun, e.getMessage(), tail(output, ""));
      }
    } finally {
      TempDirectories.deleteTree(verifierDir);
    }
  }

  /** {@code addhash} then {@code publish}: one tag, signed with the targets key of this client. */
  public synchronized void addHashAndPublish(String gun, String tag, String sha256Hex, long size) {
    addHashes(gun, List.of(new TargetHash(tag, sha256Hex, size)));
    publish(gun);
  }

  /** {@code notary addhash <gun> <tag> <size> --sha256 <hex>} for each; staged until publish. */
  public synchronized void addHashes(String gun, List<TargetHash> targets) {
    requireGun(gun);
    for (TargetHash target : targets) {
      run(
          true,
          "addhash",
          gun,
          target.tag(),
          Long.toString(target.size()),
          "--sha256",
          target.sha256Hex());
    }
  }

  /** {@code notary publish <gun>}: signs and uploads what is staged. */
  public synchronized void publish(String gun) {
    requireGun(gun);
    run(true, "publish", gun);
  }

  /**
   * The rows of {@code notary list}; empty for "No targets present in this repository."
   *
   * @throws IllegalArgumentException if the output is neither
   */
  static List<Target> parseList(String output) {
    if (output.contains("No targets present")) {
      return List.of();
    }
    List<Target> targets = new ArrayList<>();
    boolean header = false;
    for (String line : output.split("\\R")) {
      String row = line.strip();
      if (row.startsWith("NAME") && row.contains("DIGEST")) {
        header = true;
        continue;
      }
      Matcher matcher = LIST_ROW.matcher(row);
      if (header && matcher.matches()) {
        targets.add(
            new Target(
                matcher.group(1),
                matcher.group(2),
                Long.parseLong(matcher.group(3)),
                matcher.group(4)));
      }
    }
    if (!header) {
      throw new IllegalArgumentException("no table of targets in the output of notary list");
    }
    return targets;
  }

  private String run(boolean withPassphrase, String... args) {
    return execute(trustDir.resolve(CLIENT_CONFIG), trustDir, withPassphrase, Arrays.asList(args));
  }

  /**
   * Runs {@code notary -c <config> -d <trustDir> -s <server> <args>}, bounded; returns its stdout.
   * Stdout and stderr go to separate owner-only files: the client's log lines on stderr would
   * otherwise land inside the table {@code list} prints.
   */
  private String execute(Path config, Path dir, boolean withPassphrase, List<String> args) {
    String command = String.join(" ", args);
    List<String> full = new ArrayList<>();
    full.add(binary.toString());
    full.add("-c");
    full.add(config.toString());
    full.add("-d");
    full.add(dir.toString());
    full.add("-s");
    full.add(serverUrl);
    full.addAll(args);
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("hallmark-notary-", ".out");
      stderr = Files.createTempFile("hallmark-notary-", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .directory(trustDir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Map<String, String> env = builder.environment();
      PASSPHRASE_VARIABLES.forEach(env::remove);
      if (withPassphrase) {
        PASSPHRASE_VARIABLES.forEach(variable -> env.put(variable, passphrase));
      }
      Process process = builder.start();
      boolean finished;
      try {
        finished = process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new NotaryCommandException("notary " + command, "interrupted", null);
      }
      String out = Files.readString(stdout);
      if (!finished) {
        process.destroyForcibly();
        throw new NotaryCommandException(
            "notary " + command,
            "did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s",
            tail(out, Files.readString(stderr)));
      }
      if (process.exitValue() != 0) {
        throw new NotaryCommandException(
            "notary " + command,
            "failed with exit code " + process.exitValue(),
            tail(out, Files.readString(stderr)));
      }
      return out;
    } catch (IOException e) {
      throw new NotaryCommandException(
          "notary " + command, "could not run " + binary + ": " + e, null);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  /**
   * The last lines of both streams. The client never prints a passphrase; it is masked anyway, so
   * that no future client version can put it into an exception message.
   */
  private String tail(String stdout, String stderr) {
    List<String> lines = new ArrayList<>();
    for (String stream : List.of(stdout, stderr)) {
      for (String line : stream.split("\\R")) {
        if (!line.isBlank()) {
          lines.add(line.replace(passphrase, "<passphrase>"));
        }
      }
    }
    List<String> last = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size());
    return "(notary output)\n" + String.join("\n", last);
  }

  private String localRootJson(String gun) {
    Path root = trustDir.resolve("tuf").resolve(gun).resolve("metadata").resolve("root.json");
    try {
      return Files.readString(root);
    } catch (IOException e) {
      throw new NotaryCommandException("publish " + gun, "no " + root + " after publishing", null);
    }
  }

  private static String rootKeyId(String rootJson, String source) {
    try {
      JsonNode keyIds = JSON.readTree(rootJson).path("signed").path("roles").path("root");
      String id = keyIds.path("keyids").path(0).asText("");
      if (!SHA256_HEX.matcher(id).matches()) {
        throw new NotaryCommandException(
            "read " + source, "no root key id in signed.roles.root.keyids", null);
      }
      return id;
    } catch (IOException e) {
      throw new NotaryCommandException("read " + source, "not JSON: " + e.getMessage(), null);
    }
  }

  private static void writeConfig(Path file, Map<String, Object> config) {
    try {
      Files.writeString(file, JSON.writeValueAsString(config) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static void createPrivateDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir, e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temporary file holds command output, never a passphrase.
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  static void requireGun(String gun) {
    // ".." would also lead the trust directory's path (tuf/<gun>/) elsewhere.
    if (gun == null || !GUN.matcher(gun).matches() || gun.contains("..")) {
      throw new IllegalArgumentException("not a GUN (<registry>/<repository>): " + gun);
    }
  }

  private static void requireTag(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("not an image tag: " + tag);
    }
  }

  private static void requireSha256Hex(String hex) {
    if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + hex);
    }
  }

  @Override
  public String toString() {
    return "NotaryCli[" + trustDir + " -> " + serverUrl + "]";
  }
}
