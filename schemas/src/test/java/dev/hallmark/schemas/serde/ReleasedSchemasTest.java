package dev.hallmark.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.SigningRequested;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasedSchemasTest {

  @TempDir Path root;

  @Test
  void load_matchingFingerprint_returnsSchema() throws IOException {
    Schema schema = SigningRequested.getClassSchema();
    release(schema, SingleObjectEncoding.toHex(SingleObjectEncoding.fingerprint(schema)));

    assertThat(ReleasedSchemas.load(loader()))
        .singleElement()
        .satisfies(
            released -> {
              assertThat(released.eventType()).isEqualTo("SigningRequested");
              assertThat(released.version()).isEqualTo(1);
              assertThat(released.schema()).isEqualTo(schema);
            });
  }

  @Test
  void load_fileChangedAfterRelease_throwsIllegalStateNamingTheFix() throws IOException {
    release(SigningRequested.getClassSchema(), "0000000000000000");

    assertThatThrownBy(() -> ReleasedSchemas.load(loader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SigningRequested/v1.avsc")
        .hasMessageContaining("released schemas are immutable, add a new version instead");
  }

  @Test
  void load_malformedIndexLine_throwsIllegalState() throws IOException {
    Path index = root.resolve(ReleasedSchemas.INDEX_RESOURCE);
    Files.createDirectories(index.getParent());
    Files.writeString(index, "SigningRequested/1.avsc\n");

    assertThatThrownBy(() -> ReleasedSchemas.load(loader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SigningRequested/1.avsc");
  }

  @Test
  void load_listedFileMissing_throwsIllegalState() throws IOException {
    Path index = root.resolve(ReleasedSchemas.INDEX_RESOURCE);
    Files.createDirectories(index.getParent());
    Files.writeString(index, "# comment\nPolicyDecision/v1.avsc 0123456789abcdef\n");

    assertThatThrownBy(() -> ReleasedSchemas.load(loader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PolicyDecision/v1.avsc");
  }

  private void release(Schema schema, String fingerprintHex) throws IOException {
    Path directory = root.resolve(ReleasedSchemas.RELEASED_DIRECTORY);
    Files.createDirectories(directory.resolve(schema.getName()));
    Files.writeString(directory.resolve(schema.getName() + "/v1.avsc"), schema.toString(true));
    Files.writeString(
        directory.resolve("index.txt"), schema.getName() + "/v1.avsc " + fingerprintHex + "\n");
  }

  private URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }
}
