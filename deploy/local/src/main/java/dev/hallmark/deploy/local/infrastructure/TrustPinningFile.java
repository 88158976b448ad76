package dev.hallmark.deploy.local.infrastructure;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The root keys a Notary v1 verifier trusts, one entry per repository: {@code {"<gun>": ["<root key
 * id>", ...]}}, the shape of the notary client's {@code trust_pinning.certs}. Services are given
 * its path ({@code HALLMARK_NOTARY_TRUST_PINNING}) and trust a repository's {@code root.json} only
 * if its root key is listed here. The ids are public; the file holds no secret.
 */
public final class TrustPinningFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final TypeReference<Map<String, List<String>>> SHAPE = new TypeReference<>() {};

  private TrustPinningFile() {}

  /** Every pinned repository, sorted by GUN; empty if the file does not exist. */
  public static Map<String, List<String>> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      Map<String, List<String>> pins = JSON.readValue(file.toFile(), SHAPE);
      return pins == null ? Map.of() : new TreeMap<>(pins);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the trust pinning file " + file, e);
    }
  }

  /** The root key ids pinned for one repository. */
  public static Optional<List<String>> rootKeyIds(Path file, String gun) {
    return Optional.ofNullable(read(file).get(gun));
  }

  /** Whether the file pins exactly this root for the pin's repository. */
  public static boolean pins(Path file, NotaryCli.RootPin pin) {
    return rootKeyIds(file, pin.gun()).filter(List.of(pin.rootKeyId())::equals).isPresent();
  }

  /**
   * Pins a repository to one root key, keeping the entries of the other repositories. An earlier
   * pin of the same repository is replaced, not kept beside it: a re-initialized repository has a
   * new root, and the old one must no longer be trusted.
   */
  public static void pin(Path file, NotaryCli.RootPin pin) {
    Map<String, List<String>> pins = new TreeMap<>(read(file));
    pins.put(pin.gun(), List.of(pin.rootKeyId()));
    write(file, pins);
  }

  /** Creates the file with no entry unless it exists, so that a reader finds a valid file. */
  public static void createIfMissing(Path file) {
    if (!Files.exists(file)) {
      write(file, Map.of());
    }
  }

  /**
   * Written to a temporary file and moved into place: a service reading the file while the stack
   * pins a repository sees the old or the new content, never half of it.
   */
  static void write(Path file, Map<String, List<String>> pins) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temporary = Files.createTempFile(absolute.getParent(), ".trust-pinning-", ".tmp");
      try {
        Files.writeString(temporary, JSON.writeValueAsString(new TreeMap<>(pins)) + "\n");
        // createTempFile makes it 0600; the ids are public, and a service may run as another user.
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the trust pinning file " + file, e);
    }
  }
}
