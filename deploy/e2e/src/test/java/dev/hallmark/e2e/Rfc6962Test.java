package dev.hallmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests' own RFC 6962 checks against a tree of three leaves worked out by hand. */
class Rfc6962Test {
  final byte[] l0 = Rfc6962.leafHash("a".getBytes(StandardCharsets.UTF_8));
  final byte[] l1 = Rfc6962.leafHash("b".getBytes(StandardCharsets.UTF_8));
  final byte[] l2 = Rfc6962.leafHash("c".getBytes(StandardCharsets.UTF_8));
  final byte[] root2 = Rfc6962.nodeHash(l0, l1);
  final byte[] root3 = Rfc6962.nodeHash(root2, l2);

  @Test
  void verifyInclusion_auditPathOfEachLeaf_verifiesAndAWrongOneDoesNot() {
    assertThat(Rfc6962.verifyInclusion(0, 3, l0, List.of(l1, l2), root3)).isTrue();
    assertThat(Rfc6962.verifyInclusion(1, 3, l1, List.of(l0, l2), root3)).isTrue();
    assertThat(Rfc6962.verifyInclusion(2, 3, l2, List.of(root2), root3)).isTrue();
    assertThat(Rfc6962.verifyInclusion(2, 3, l1, List.of(root2), root3)).isFalse();
    assertThat(Rfc6962.verifyInclusion(0, 3, l0, List.of(l2, l1), root3)).isFalse();
    assertThat(Rfc6962.verifyInclusion(3, 3, l2, List.of(root2), root3)).isFalse();
  }

  @Test
  void verifyConsistency_twoToThree_verifiesAndAnotherRootDoesNot() {
    assertThat(Rfc6962.verifyConsistency(2, 3, root2, root3, List.of(l2))).isTrue();
    assertThat(Rfc6962.verifyConsistency(1, 3, l0, root3, List.of(l1, l2))).isTrue();
    assertThat(Rfc6962.verifyConsistency(2, 3, root2, root3, List.of(l1))).isFalse();
    assertThat(Rfc6962.verifyConsistency(2, 3, l0, root3, List.of(l2))).isFalse();
    assertThat(Rfc6962.verifyConsistency(3, 3, root3, root3, List.of())).isTrue();
  }
}
