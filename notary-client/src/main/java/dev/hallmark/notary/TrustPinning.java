package dev.hallmark.notary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The root key ids trusted per GUN, from a JSON file {@code {"<gun>": ["<root key id>", …]}} — the
 * shape of the notary client's {@code trust_pinning.certs}. The file is read at every use, so that
 * pinning a newly initialized repository needs no restart; it is small.
 */
public final class TrustPinning {
  private final Path file;

  public TrustPinning(Path file) {
    this.file = file;
  }

  /**
   * @return the pinned root key ids of {@code gun}; empty if none (then nothing is trusted)
   * @throws TrustDataException ({@link TrustProblem#MALFORMED}) if the file is not such JSON
   */
  public Set<String> rootKeyIds(String gun) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Set.of();
    } catch (IOException e) {
      throw new TrustDataException(
          TrustProblem.MALFORMED, "trust pinning file " + file + " could not be read", e);
    }
    Map<String, Object> pins = Json.parseObject(bytes, "trust pinning file " + file);
    Object ids = pins.get(gun);
    if (ids == null) {
      return Set.of();
    }
    Set<String> result = new LinkedHashSet<>();
    for (Object id : Json.array(ids, "pinned root key ids of " + gun)) {
      result.add(Json.string(id, "pinned root key id of " + gun));
    }
    return Set.copyOf(result);
  }

  public Path file() {
    return file;
  }
}
