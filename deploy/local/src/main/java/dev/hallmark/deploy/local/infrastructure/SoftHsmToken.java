package dev.hallmark.deploy.local.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token in a directory of its own: the local stand-in for the HSM of signer-service.
 *
 * <p>{@link #open(Path, String)} writes {@code <dir>/softhsm2.conf} ({@code directories.tokendir =
 * <dir>/tokens}, {@code objectstore.backend = file}) and initializes a token with the given label
 * through {@code softhsm2-util --init-token --free}, with a random user PIN and SO PIN, each
 * written to an owner-only file ({@code <dir>/<label>.pin}, {@code <dir>/<label>.so-pin}, 0600) and
 * never printed or logged. When the token already exists in that directory and its PIN file is
 * there, it is reused (keys survive restarts). Whoever loads the PKCS#11 library must have {@code
 * SOFTHSM2_CONF} = {@link #confFile()} in its environment: SoftHSM reads its configuration from
 * there, once per process.
 *
 * <p>The PINs are passed to {@code softhsm2-util} as arguments (it reads them from nowhere else),
 * so for the instant the tool runs they are visible in the process list of this machine; use a real
 * HSM's own tooling beyond local development.
 */
public final class SoftHsmToken {
  public static final String COMPONENT = "softhsm";

  /** Environment variable through which SoftHSM2 finds its configuration file. */
  public static final String CONF_ENV = "SOFTHSM2_CONF";

  /** Override of the PKCS#11 module path (else the Debian locations are tried). */
  public static final String LIBRARY_ENV = "HALLMARK_PKCS11_LIBRARY";

  /** Where Debian's {@code softhsm2} package installs the module, in the order tried. */
  static final List<Path> LIBRARY_CANDIDATES =
      List.of(
          Path.of("/usr/lib/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final Pattern SLOT_LINE = Pattern.compile("^Slot (\\d+)\\s*$");
  private static final Pattern LABEL_LINE = Pattern.compile("^\\s+Label:\\s*(.*?)\\s*$");
  private static final long TOOL_TIMEOUT_SECONDS = 60;

  private final Path dir;
  private final String label;
  private final Path library;
  private final SlotInfo slot;

  private SoftHsmToken(Path dir, String label, Path library, SlotInfo slot) {
    this.dir = dir;
    this.label = label;
    this.library = library;
    this.slot = slot;
  }

  /**
   * The token labelled {@code label} under {@code dir}: reused if it exists, else initialized.
   *
   * @param label 1 to 32 characters of {@code [A-Za-z0-9._-]} (a PKCS#11 token label is 32 bytes)
   * @throws MissingBinaryException if {@code softhsm2-util} or the PKCS#11 module is not installed
   * @throws ConfigurationException if the token exists but its PIN file is gone (it is never
   *     re-initialized silently: that would destroy its keys)
   */
  public static SoftHsmToken open(Path dir, String label) {
    if (!LABEL.matcher(label).matches()) {
      throw new ConfigurationException(
          COMPONENT, "token label", "'" + label + "' is not 1-32 characters of [A-Za-z0-9._-]");
    }
    Path library = locateLibrary(System.getenv());
    Path absolute = dir.toAbsolutePath().normalize();
    createOwnerOnlyDirectory(absolute);
    createOwnerOnlyDirectory(absolute.resolve("tokens"));
    Path conf = absolute.resolve("softhsm2.conf");
    writeIfChanged(conf, config(absolute.resolve("tokens")));

    Path pinFile = absolute.resolve(label + ".pin");
    Optional<SlotInfo> existing = findSlot(showSlots(conf), label);
    if (existing.isPresent()) {
      if (Secrets.read(pinFile).filter(pin -> !pin.isEmpty()).isEmpty()) {
        throw new ConfigurationException(
            COMPONENT,
            pinFile.toString(),
            "token '"
                + label
                + "' exists in "
                + absolute
                + " but its PIN file is missing; restore it, or delete the directory to start"
                + " with a new, empty token");
      }
      return new SoftHsmToken(absolute, label, library, existing.get());
    }
    String userPin = Secrets.generate();
    String soPin = Secrets.generate();
    Secrets.writeOwnerOnly(pinFile, userPin + "\n");
    Secrets.writeOwnerOnly(absolute.resolve(label + ".so-pin"), soPin + "\n");
    run(
        conf,
        List.of(
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            userPin,
            "--so-pin",
            soPin),
        "initialize token '" + label + "'");
    SlotInfo created =
        findSlot(showSlots(conf), label)
            .orElseThrow(
                () ->
                    new ProcessStartException(
                        COMPONENT,
                        "softhsm2-util reported success but no token '" + label + "' is listed",
                        null,
                        null));
    return new SoftHsmToken(absolute, label, library, created);
  }

  /** {@code <dir>/softhsm2.conf}; pass it as {@value #CONF_ENV} to whoever loads the module. */
  public Path confFile() {
    return dir.resolve("softhsm2.conf");
  }

  /** Owner-only file holding the user PIN (one line), {@code <dir>/<label>.pin}. */
  public Path pinFile() {
    return dir.resolve(label + ".pin");
  }

  /** Owner-only file holding the security officer PIN (one line), {@code <dir>/<label>.so-pin}. */
  public Path soPinFile() {
    return dir.resolve(label + ".so-pin");
  }

  public String label() {
    return label;
  }

  /** The PKCS#11 module ({@code libsofthsm2.so}). */
  public Path library() {
    return library;
  }

  /** The directory that holds configuration, PIN files and token data. */
  public Path directory() {
    return dir;
  }

  /**
   * PKCS#11 slot id of the token. SoftHSM derives it from the token serial, so it is stable for
   * this token across restarts.
   */
  public long slotId() {
    return slot.id();
  }

  /**
   * Index of the token in the module's slot list ({@code slotListIndex} of SunPKCS11), when that is
   * unambiguous: only when this is the only token in its directory. SoftHSM orders several tokens
   * by their directory names, not by creation, so their indexes can change; then use {@link
   * #slotId()} or the label.
   */
  public OptionalInt slotIndex() {
    return slot.initializedTokens() == 1 ? OptionalInt.of(slot.index()) : OptionalInt.empty();
  }

  /** The environment a process needs to use this token: {@value #CONF_ENV}. */
  public Map<String, String> environment() {
    return Map.of(CONF_ENV, confFile().toString());
  }

  /**
   * The PKCS#11 module: env {@value #LIBRARY_ENV}, else the first existing of {@link
   * #LIBRARY_CANDIDATES}.
   */
  static Path locateLibrary(Map<String, String> env) {
    String configured = env.get(LIBRARY_ENV);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isRegularFile(path)) {
        throw new MissingBinaryException(COMPONENT, path, "fix " + LIBRARY_ENV);
      }
      return path;
    }
    return LIBRARY_CANDIDATES.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new MissingBinaryException(
                    COMPONENT,
                    LIBRARY_CANDIDATES.get(0),
                    "install SoftHSM2 (apt-get install softhsm2) or set " + LIBRARY_ENV));
  }

  static String config(Path tokenDir) {
    return "# Written by dev.hallmark.deploy.local.infrastructure.SoftHsmToken.\n"
        + "directories.tokendir = "
        + tokenDir
        + "\n"
        + "objectstore.backend = file\n"
        + "log.level = ERROR\n"
        + "slots.removable = false\n";
  }

  /** Where a token is in the output of {@code softhsm2-util --show-slots}. */
  record SlotInfo(long id, int index, int initializedTokens) {}

  /**
   * Finds the token labelled {@code label} in {@code softhsm2-util --show-slots} output. The tool
   * lists slots in {@code C_GetSlotList} order, so the position of a slot is its list index.
   */
  static Optional<SlotInfo> findSlot(String showSlotsOutput, String label) {
    List<Long> ids = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String line : showSlotsOutput.split("\n")) {
      Matcher slot = SLOT_LINE.matcher(line);
      if (slot.matches()) {
        ids.add(Long.parseLong(slot.group(1)));
        labels.add("");
        continue;
      }
      Matcher labelLine = LABEL_LINE.matcher(line);
      if (labelLine.matches() && !ids.isEmpty()) {
        labels.set(labels.size() - 1, labelLine.group(1));
      }
    }
    int initialized = (int) labels.stream().filter(l -> !l.isEmpty()).count();
    for (int i = 0; i < ids.size(); i++) {
      if (labels.get(i).equals(label)) {
        return Optional.of(new SlotInfo(ids.get(i), i, initialized));
      }
    }
    return Optional.empty();
  }

  private static String showSlots(Path conf) {
    return run(conf, List.of("softhsm2-util", "--show-slots"), "list slots");
  }

  private static String run(Path conf, List<String> command, String what) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(CONF_ENV, conf.toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new MissingBinaryException(
          COMPONENT, Path.of("softhsm2-util"), "install SoftHSM2 (apt-get install softhsm2)");
    }
    try {
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ProcessStartException(
            COMPONENT,
            "softhsm2-util did not finish within " + TOOL_TIMEOUT_SECONDS + " s",
            null,
            null);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        // The tool's own output names the problem and never echoes the PINs.
        throw new ProcessStartException(
            COMPONENT,
            "softhsm2-util could not " + what + " (exit " + process.exitValue() + ")",
            text,
            null);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the output of softhsm2-util", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new ProcessStartException(
          COMPONENT, "interrupted while running softhsm2-util", null, e);
    }
  }

  private static void createOwnerOnlyDirectory(Path path) {
    try {
      if (!Files.isDirectory(path)) {
        Files.createDirectories(
            path,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + path, e);
    }
  }

  private static void writeIfChanged(Path file, String content) {
    try {
      if (Files.isRegularFile(file)
          && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
        return;
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
