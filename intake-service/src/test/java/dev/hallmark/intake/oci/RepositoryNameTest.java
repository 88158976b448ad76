package dev.hallmark.intake.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {

  @Test
  void parse_registryWithPort_splitsRegistryAndPath() {
    assertThat(RepositoryName.parse("127.0.0.1:15000/demo/app"))
        .contains(new RepositoryName("127.0.0.1:15000", "demo/app"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "registry.example/app",
        "localhost/a/b/c",
        "localhost:5000/my_app",
        "ghcr.io/acme/app-server",
        "registry.example/a__b/c.d/e---f",
        "[::1]:5000/app"
      })
  void parse_validReference_isAccepted(String value) {
    assertThat(RepositoryName.parse(value)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "app",
        "demo/app",
        "registry.example/",
        "registry.example/App",
        "registry.example/app/",
        "registry.example//app",
        "registry.example/-app",
        "registry.example/app_",
        "registry.example/a___b",
        "registry.example/app:1.0",
        "registry.example/app@sha256:abc",
        "-bad.example/app",
        "registry.example:port/app"
      })
  void parse_invalidReference_isRejected(String value) {
    assertThat(RepositoryName.parse(value)).isEmpty();
  }

  @Test
  void parse_tooLong_isRejected() {
    assertThat(RepositoryName.parse("registry.example/" + "a".repeat(250))).isEmpty();
  }
}
