package dev.hallmark.deploy.local.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotaryCliTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @Test
  void parseList_table_returnsEveryRow() {
    String output =
        "NAME    DIGEST                                                              SIZE (BYTES)"
            + "    ROLE\n"
            + "----    ------                                                              "
            + "------------    ----\n"
            + "v1      "
            + A
            + "    1234            targets\n"
            + "1.0     "
            + B
            + "    99              targets/releases\n";

    assertThat(NotaryCli.parseList(output))
        .containsExactly(
            new NotaryCli.Target("v1", A, 1234, "targets"),
            new NotaryCli.Target("1.0", B, 99, "targets/releases"));
  }

  @Test
  void parseList_noTargets_returnsEmpty() {
    assertThat(NotaryCli.parseList("\nNo targets present in this repository.\n\n")).isEmpty();
  }

  @Test
  void parseList_somethingElse_throws() {
    assertThatThrownBy(() -> NotaryCli.parseList("* fatal: something\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void targetHash_invalidValues_throw() {
    assertThatThrownBy(() -> new NotaryCli.TargetHash("-r", A, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NotaryCli.TargetHash("v1", "A".repeat(64), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NotaryCli.TargetHash("v1", A, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requireGun_flagOrParentPath_throws() {
    NotaryCli.requireGun("127.0.0.1:15000/demo/app");
    assertThatThrownBy(() -> NotaryCli.requireGun("--remote"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotaryCli.requireGun("registry/../../etc"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
