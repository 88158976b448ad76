package dev.hallmark.schemas.serde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Loads the released event schemas listed in {@value #INDEX_RESOURCE}. Each index line is {@code
 * <EventType>/v<N>.avsc <fingerprint hex>}; {@code #} starts a comment. The fingerprint pins the
 * file: a released schema whose structure was edited fails to load.
 */
public final class ReleasedSchemas {

  /** Class-path directory of the released schemas. */
  public static final String RELEASED_DIRECTORY = "dev/hallmark/schemas/released/";

  /** Class-path resource listing every released schema. */
  public static final String INDEX_RESOURCE = RELEASED_DIRECTORY + "index.txt";

  private static final Pattern LINE =
      Pattern.compile("([A-Z][A-Za-z0-9]*)/v([1-9][0-9]*)\\.avsc\\s+([0-9a-f]{16})");

  private ReleasedSchemas() {}

  /** Loads the released schemas from this module's class loader. */
  public static List<ReleasedSchema> load() {
    return load(ReleasedSchemas.class.getClassLoader());
  }

  /**
   * Loads the released schemas from {@code loader}.
   *
   * @throws IllegalStateException if the index or a listed file is missing or invalid, or a file's
   *     fingerprint differs from the one in the index
   */
  public static List<ReleasedSchema> load(ClassLoader loader) {
    List<ReleasedSchema> released = new ArrayList<>();
    for (String line : readLines(loader, INDEX_RESOURCE)) {
      String entry = line.replaceFirst("#.*", "").strip();
      if (entry.isEmpty()) {
        continue;
      }
      Matcher matcher = LINE.matcher(entry);
      if (!matcher.matches()) {
        throw new IllegalStateException(
            INDEX_RESOURCE + ": line '" + entry + "' is not '<EventType>/v<N>.avsc <16 hex>'");
      }
      released.add(loadOne(loader, matcher));
    }
    return List.copyOf(released);
  }

  private static ReleasedSchema loadOne(ClassLoader loader, Matcher entry) {
    String eventType = entry.group(1);
    int version = Integer.parseInt(entry.group(2));
    String path = RELEASED_DIRECTORY + eventType + "/v" + version + ".avsc";
    Schema schema = new Schema.Parser().parse(String.join("\n", readLines(loader, path)));
    if (!schema.getName().equals(eventType)) {
      throw new IllegalStateException(
          path + " defines " + schema.getFullName() + ", expected a schema named " + eventType);
    }
    String fingerprint = SingleObjectEncoding.toHex(SingleObjectEncoding.fingerprint(schema));
    if (!fingerprint.equals(entry.group(3))) {
      throw new IllegalStateException(
          path
              + " has fingerprint "
              + fingerprint
              + " but "
              + INDEX_RESOURCE
              + " records "
              + entry.group(3)
              + ": released schemas are immutable, add a new version instead");
    }
    return new ReleasedSchema(eventType, version, schema);
  }

  private static List<String> readLines(ClassLoader loader, String resource) {
    InputStream in = loader.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Missing class-path resource " + resource);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
