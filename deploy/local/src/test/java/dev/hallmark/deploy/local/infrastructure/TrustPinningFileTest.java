package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPinningFileTest {
  private static final String APP = "127.0.0.1:15000/demo/app";
  private static final String OTHER = "127.0.0.1:15000/demo/other";

  @TempDir Path dir;

  @Test
  void read_missingFile_isEmpty() {
    assertThat(TrustPinningFile.read(dir.resolve("none.json"))).isEmpty();
  }

  @Test
  void pin_twoRepositories_writesNotaryTrustPinningCertsShape() throws Exception {
    Path file = dir.resolve("notary/trust-pinning.json");

    TrustPinningFile.pin(file, new NotaryCli.RootPin(APP, "a".repeat(64)));
    TrustPinningFile.pin(file, new NotaryCli.RootPin(OTHER, "b".repeat(64)));

    assertThat(new ObjectMapper().readValue(file.toFile(), Map.class))
        .isEqualTo(Map.of(APP, List.of("a".repeat(64)), OTHER, List.of("b".repeat(64))));
    assertThat(TrustPinningFile.rootKeyIds(file, APP)).contains(List.of("a".repeat(64)));
    assertThat(Files.list(dir.resolve("notary"))).hasSize(1);
  }

  @Test
  void pin_sameRepositoryAgain_replacesItsRootAndKeepsTheOthers() {
    Path file = dir.resolve("trust-pinning.json");
    TrustPinningFile.pin(file, new NotaryCli.RootPin(APP, "a".repeat(64)));
    TrustPinningFile.pin(file, new NotaryCli.RootPin(OTHER, "b".repeat(64)));

    TrustPinningFile.pin(file, new NotaryCli.RootPin(APP, "c".repeat(64)));

    assertThat(TrustPinningFile.read(file))
        .containsEntry(APP, List.of("c".repeat(64)))
        .containsEntry(OTHER, List.of("b".repeat(64)));
    assertThat(TrustPinningFile.pins(file, new NotaryCli.RootPin(APP, "c".repeat(64)))).isTrue();
    assertThat(TrustPinningFile.pins(file, new NotaryCli.RootPin(APP, "a".repeat(64)))).isFalse();
  }

  @Test
  void createIfMissing_existingFile_keepsIt() throws Exception {
    Path file = dir.resolve("trust-pinning.json");
    TrustPinningFile.createIfMissing(file);
    assertThat(Files.readString(file).trim()).isEqualTo("{ }");

    TrustPinningFile.pin(file, new NotaryCli.RootPin(APP, "a".repeat(64)));
    TrustPinningFile.createIfMissing(file);

    assertThat(TrustPinningFile.read(file)).containsOnlyKeys(APP);
  }
}
