package dev.hallmark.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  static final HexFormat HEX = HexFormat.of();

  /**
   * The leaves of the RFC 6962 test data of Certificate Transparency's reference implementation,
   * and the roots of their first 1..8 (recomputed with a separate script before they were written
   * here).
   */
  static final List<String> CT_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  static final List<String> CT_ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  static List<byte[]> leaves(int count) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      leaves.add(("{\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    return leaves;
  }

  static MerkleTree treeOf(List<byte[]> leaves) {
    MerkleTree tree = new MerkleTree();
    leaves.forEach(leaf -> tree.append(TreeHashes.leafHash(leaf)));
    return tree;
  }

  static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  @Test
  void rootHash_certificateTransparencyTestData_matchesKnownRoots() {
    List<byte[]> leaves = CT_LEAVES.stream().map(HEX::parseHex).toList();
    MerkleTree tree = treeOf(leaves);

    for (int size = 1; size <= leaves.size(); size++) {
      assertThat(HEX.formatHex(tree.rootHash(size)))
          .as("size %d", size)
          .isEqualTo(CT_ROOTS.get(size - 1));
    }
  }

  @Test
  void rootHash_emptyTree_isSha256OfNothing() {
    assertThat(HEX.formatHex(new MerkleTree().rootHash(0)))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void rootHash_everySizeUpTo70_equalsTheRecursiveDefinition() {
    List<byte[]> leaves = leaves(70);
    MerkleTree tree = treeOf(leaves);

    for (int size = 0; size <= 70; size++) {
      assertThat(tree.rootHash(size))
          .as("size %d", size)
          .isEqualTo(IndependentMerkle.mth(leaves.subList(0, size)));
    }
  }

  @Test
  void inclusionProof_everyLeafOfEverySizeUpTo33_isRfcPathAndVerifies() {
    List<byte[]> leaves = leaves(33);
    MerkleTree tree = treeOf(leaves);

    for (int size = 1; size <= 33; size++) {
      byte[] root = tree.rootHash(size);
      for (int index = 0; index < size; index++) {
        List<byte[]> proof = tree.inclusionProof(index, size);
        byte[] leafHash = TreeHashes.leafHash(leaves.get(index));
        String at = "leaf " + index + " of " + size;

        assertThat(hex(proof))
            .as(at)
            .isEqualTo(hex(IndependentMerkle.path(index, leaves.subList(0, size))));
        assertThat(MerkleProofs.verifyInclusion(index, size, leafHash, proof, root))
            .as(at)
            .isTrue();
        assertThat(IndependentMerkle.rootFromPath(index, size, leafHash, proof))
            .as(at)
            .isEqualTo(root);
      }
    }
  }

  @Test
  void verifyInclusion_tamperedProofLeafIndexOrSize_fails() {
    List<byte[]> leaves = leaves(13);
    MerkleTree tree = treeOf(leaves);
    byte[] root = tree.rootHash(13);
    List<byte[]> proof = tree.inclusionProof(5, 13);
    byte[] leafHash = TreeHashes.leafHash(leaves.get(5));

    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> tampered = new ArrayList<>(proof);
      byte[] hash = tampered.get(i).clone();
      hash[7] ^= 1;
      tampered.set(i, hash);
      assertThat(MerkleProofs.verifyInclusion(5, 13, leafHash, tampered, root))
          .as("hash %d flipped", i)
          .isFalse();
    }
    byte[] otherLeaf = TreeHashes.leafHash(leaves.get(6));
    assertThat(MerkleProofs.verifyInclusion(5, 13, otherLeaf, proof, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(4, 13, leafHash, proof, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(5, 6, leafHash, proof, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(5, 13, leafHash, proof.subList(1, proof.size()), root))
        .isFalse();
    assertThat(MerkleProofs.verifyInclusion(13, 13, leafHash, proof, root)).isFalse();
  }

  @Test
  void consistencyProof_everyPairUpTo33_isRfcProofAndVerifies() {
    List<byte[]> leaves = leaves(33);
    MerkleTree tree = treeOf(leaves);

    for (int to = 1; to <= 33; to++) {
      for (int from = 1; from <= to; from++) {
        List<byte[]> proof = tree.consistencyProof(from, to);
        String at = from + " -> " + to;
        List<byte[]> expected =
            from == to ? List.of() : IndependentMerkle.proof(from, leaves.subList(0, to));

        assertThat(hex(proof)).as(at).isEqualTo(hex(expected));
        assertThat(
                MerkleProofs.verifyConsistency(
                    from, to, tree.rootHash(from), tree.rootHash(to), proof))
            .as(at)
            .isTrue();
        assertThat(
                IndependentMerkle.consistent(
                    from, to, tree.rootHash(from), tree.rootHash(to), proof))
            .as(at)
            .isTrue();
      }
    }
  }

  @Test
  void verifyConsistency_tamperedProofOrRoots_fails() {
    MerkleTree tree = treeOf(leaves(21));
    byte[] oldRoot = tree.rootHash(6);
    byte[] newRoot = tree.rootHash(21);
    List<byte[]> proof = tree.consistencyProof(6, 21);

    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> tampered = new ArrayList<>(proof);
      byte[] hash = tampered.get(i).clone();
      hash[0] ^= (byte) 0x80;
      tampered.set(i, hash);
      assertThat(MerkleProofs.verifyConsistency(6, 21, oldRoot, newRoot, tampered))
          .as("hash %d flipped", i)
          .isFalse();
    }
    assertThat(MerkleProofs.verifyConsistency(6, 21, tree.rootHash(7), newRoot, proof)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(6, 21, oldRoot, tree.rootHash(20), proof)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(6, 16, oldRoot, newRoot, proof)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(6, 21, oldRoot, newRoot, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(21, 6, newRoot, oldRoot, proof)).isFalse();
  }

  @Test
  void consistencyProof_fromEmptyOrToSameSize_isEmptyAndVerifies() {
    MerkleTree tree = treeOf(leaves(5));

    assertThat(tree.consistencyProof(0, 5)).isEmpty();
    assertThat(tree.consistencyProof(5, 5)).isEmpty();
    assertThat(MerkleProofs.verifyConsistency(0, 5, tree.rootHash(0), tree.rootHash(5), List.of()))
        .isTrue();
    assertThat(MerkleProofs.verifyConsistency(5, 5, tree.rootHash(5), tree.rootHash(5), List.of()))
        .isTrue();
    assertThat(MerkleProofs.verifyConsistency(5, 5, tree.rootHash(4), tree.rootHash(5), List.of()))
        .isFalse();
  }

  @Test
  void proofs_sizesBeyondTheTree_areRefused() {
    MerkleTree tree = treeOf(leaves(4));

    assertThatThrownBy(() -> tree.rootHash(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(4, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index");
    assertThatThrownBy(() -> tree.consistencyProof(3, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to");
  }

  @Test
  void append_manyLeaves_keepsRootEqualToTheRecursiveDefinition() {
    List<byte[]> leaves = leaves(1000);
    MerkleTree tree = treeOf(leaves);

    assertThat(tree.size()).isEqualTo(1000);
    assertThat(tree.rootHash(1000)).isEqualTo(IndependentMerkle.mth(leaves));
    assertThat(tree.rootHash(777)).isEqualTo(IndependentMerkle.mth(leaves.subList(0, 777)));
    assertThat(tree.leafHash(999)).isEqualTo(TreeHashes.leafHash(leaves.get(999)));
  }
}
