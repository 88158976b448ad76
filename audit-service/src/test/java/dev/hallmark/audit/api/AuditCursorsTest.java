package dev.hallmark.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.audit.ledger.LedgerFilter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuditCursorsTest {
  static final byte[] KEY = new byte[32];
  final AuditCursors cursors = new AuditCursors(KEY);
  final LedgerFilter demo = filter("demo", null);

  @Test
  void decode_ofAnEncodedCursor_givesItsSeq() {
    for (long seq : new long[] {0, 1, 499, Long.MAX_VALUE}) {
      assertThat(cursors.decode(cursors.encode(seq, demo), demo)).isEqualTo(seq);
    }
  }

  @Test
  void encode_isOpaqueUrlSafeText() {
    String cursor = cursors.encode(42, demo);

    assertThat(cursor).matches("[A-Za-z0-9_-]{34}");
  }

  @Test
  void decode_withOtherFilters_isRefused() {
    String cursor = cursors.encode(42, demo);

    assertThatThrownBy(() -> cursors.decode(cursor, filter("other", null)))
        .isInstanceOf(AuditCursors.InvalidCursorException.class)
        .hasMessageContaining("not issued for these filters");
    assertThatThrownBy(() -> cursors.decode(cursor, filter("demo", Instant.EPOCH)))
        .isInstanceOf(AuditCursors.InvalidCursorException.class);
    assertThatThrownBy(() -> cursors.decode(cursor, LedgerFilter.NONE))
        .isInstanceOf(AuditCursors.InvalidCursorException.class);
  }

  @Test
  void decode_ofAnotherKeysCursor_isRefused() {
    byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
    otherKey[0] = 1;
    String cursor = new AuditCursors(otherKey).encode(42, demo);

    assertThatThrownBy(() -> cursors.decode(cursor, demo))
        .isInstanceOf(AuditCursors.InvalidCursorException.class);
  }

  @Test
  void decode_forgedSeq_isRefused() {
    byte[] bytes = Base64.getUrlDecoder().decode(cursors.encode(42, demo));
    bytes[8] = 7; // seq 42 -> 7, MAC unchanged
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    assertThatThrownBy(() -> cursors.decode(forged, demo))
        .isInstanceOf(AuditCursors.InvalidCursorException.class)
        .hasMessageContaining("forged");
  }

  @Test
  void decode_malformed_isRefused() {
    for (String malformed : new String[] {"", "not base64!", "AAAA", "AQ" + "A".repeat(32)}) {
      assertThatThrownBy(() -> cursors.decode(malformed, demo))
          .as(malformed)
          .isInstanceOf(AuditCursors.InvalidCursorException.class);
    }
  }

  @Test
  void filters_areBoundUnambiguously() {
    // The same characters split differently between two filters are another query.
    LedgerFilter first = new LedgerFilter("ab", null, null, "c", null, null, null, null, null);
    LedgerFilter second = new LedgerFilter("a", null, null, "bc", null, null, null, null, null);

    assertThatThrownBy(() -> cursors.decode(cursors.encode(1, first), second))
        .isInstanceOf(AuditCursors.InvalidCursorException.class);
  }

  private static LedgerFilter filter(String project, Instant from) {
    return new LedgerFilter(null, null, null, null, null, null, project, from, null);
  }
}
