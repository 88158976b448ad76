package dev.hallmark.deploy.local.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterOptionsTest {

  @Test
  void parse_replayWithOffsetAndBroker_readsEveryOption() throws Exception {
    DeadLetterOptions options =
        DeadLetterOptions.parse(
            List.of("replay", "signer-service", "--offset", "7", "--bootstrap-server", "h:9092"));

    assertThat(options.action()).isEqualTo(DeadLetterOptions.Action.REPLAY);
    assertThat(options.service()).isEqualTo("signer-service");
    assertThat(options.offset()).hasValue(7);
    assertThat(options.bootstrapServers()).hasValue("h:9092");
  }

  @Test
  void parse_unknownService_namesTheServices() {
    assertThatThrownBy(() -> DeadLetterOptions.parse(List.of("list", "nope")))
        .hasMessageContaining("unknown service 'nope'");
    assertThat(DeadLetterOptions.USAGE).contains("intake-service").contains("audit-service");
  }

  @Test
  void parse_offsetOnList_isRefused() {
    assertThatThrownBy(
            () -> DeadLetterOptions.parse(List.of("list", "audit-service", "--offset", "1")))
        .hasMessageContaining("--offset is an option of replay");
  }

  @Test
  void parse_negativeOffset_isRefused() {
    assertThatThrownBy(
            () -> DeadLetterOptions.parse(List.of("replay", "audit-service", "--offset", "-1")))
        .hasMessageContaining("must not be negative");
  }
}
