package dev.hallmark.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.schemas.auth.DecisionKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointNoteTest {
  /** A test-only key from {@code openssl genpkey -algorithm ed25519}. */
  static final String OPENSSL_PRIVATE =
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIHklbzLPQgBDk4a4m4VfPX4pCbinNpESOJyH2Y084y6x
      -----END PRIVATE KEY-----
      """;

  static final byte[] ROOT =
      HexFormat.of().parseHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  static final Instant AT = Instant.parse("2026-11-24T10:00:00.125Z");

  @TempDir Path dir;

  AuditKey key(String pem) throws Exception {
    return new AuditKey(
        Files.writeString(dir.resolve("audit.pem"), pem).toString(), "hallmark.test/audit");
  }

  @Test
  void text_checkpoint_isOriginSizeBase64RootAndTimestampLines() {
    assertThat(CheckpointNote.text("hallmark.test/audit", 8, ROOT, AT))
        .isEqualTo(
            "hallmark.test/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
                + "timestamp 2026-11-24T10:00:00.125Z\n");
  }

  @Test
  void signedNote_opensslKey_verifiesWithTheJdkOverTheTextAndNamesTheKey() throws Exception {
    AuditKey key = key(OPENSSL_PRIVATE);
    String note = CheckpointNote.sign(key, 8, ROOT, AT).signedNote(key.publicKey());

    String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
    String signatureLine = note.substring(note.lastIndexOf("\n\n") + 2);
    assertThat(signatureLine).startsWith("\u2014 hallmark.test/audit ").endsWith("\n");
    byte[] decoded =
        Base64.getDecoder()
            .decode(signatureLine.substring("\u2014 hallmark.test/audit ".length()).trim());
    assertThat(decoded).hasSize(68);
    // key id = SHA-256("hallmark.test/audit" || 0x0A || 0x01 || 32-byte public key)[:4]
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("hallmark.test/audit\n".getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 1);
    byte[] spki = key.publicKey().getEncoded();
    sha256.update(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    assertThat(Arrays.copyOf(decoded, 4)).isEqualTo(Arrays.copyOf(sha256.digest(), 4));
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(key.publicKey());
    jdk.update(text.getBytes(StandardCharsets.UTF_8));
    assertThat(jdk.verify(Arrays.copyOfRange(decoded, 4, 68))).isTrue();
    assertThat(key.keyIdHex())
        .isEqualTo("5faccb4f7133b754d35af280222d4ab3361a03242c2c3d74b4b4b3d1d30f4e43");
  }

  @Test
  void verify_signedNote_givesTheCheckpointBack() throws Exception {
    AuditKey key = key(OPENSSL_PRIVATE);
    String note = CheckpointNote.sign(key, 8, ROOT, AT).signedNote(key.publicKey());

    CheckpointNote verified = CheckpointNote.verify(note, key.publicKey());

    assertThat(verified.treeSize()).isEqualTo(8);
    assertThat(verified.rootHash()).isEqualTo(ROOT);
    assertThat(verified.timestamp()).isEqualTo(AT);
    assertThat(verified.origin()).isEqualTo("hallmark.test/audit");
  }

  @Test
  void verify_alteredSizeRootOrSignature_isRefused() throws Exception {
    AuditKey key = key(OPENSSL_PRIVATE);
    String note = CheckpointNote.sign(key, 8, ROOT, AT).signedNote(key.publicKey());

    assertThatThrownBy(
            () -> CheckpointNote.verify(note.replaceFirst("\n8\n", "\n9\n"), key.publicKey()))
        .isInstanceOf(InvalidCheckpointException.class)
        .hasMessageContaining("does not verify");
    assertThatThrownBy(() -> CheckpointNote.verify(note.replace("Xcna", "Ycna"), key.publicKey()))
        .isInstanceOf(InvalidCheckpointException.class);
    int last = note.length() - 5;
    String flipped =
        note.substring(0, last) + (note.charAt(last) == 'A' ? 'B' : 'A') + note.substring(last + 1);
    assertThatThrownBy(() -> CheckpointNote.verify(flipped, key.publicKey()))
        .isInstanceOf(InvalidCheckpointException.class);
  }

  @Test
  void verify_anotherKey_findsNoSignatureOfIt() throws Exception {
    AuditKey key = key(OPENSSL_PRIVATE);
    String note = CheckpointNote.sign(key, 8, ROOT, AT).signedNote(key.publicKey());
    KeyPair other = DecisionKeys.generate();

    assertThatThrownBy(() -> CheckpointNote.verify(note, other.getPublic()))
        .isInstanceOf(InvalidCheckpointException.class)
        .hasMessageContaining("no signature");
  }

  @Test
  void verifierKey_isNameHexKeyIdAndTypedPublicKey() throws Exception {
    AuditKey key = key(OPENSSL_PRIVATE);

    String verifierKey = CheckpointNote.verifierKey(key.keyName(), key.publicKey());

    String[] parts = verifierKey.split("\\+", 3);
    assertThat(parts).hasSize(3);
    assertThat(parts[0]).isEqualTo("hallmark.test/audit");
    assertThat(parts[1])
        .isEqualTo(HexFormat.of().formatHex(CheckpointNote.noteKeyId(parts[0], key.publicKey())));
    assertThat(Base64.getDecoder().decode(parts[2])).hasSize(33).startsWith(1);
  }

  @Test
  void auditKey_unsetOrPublicKeyFile_failsNamingTheSetting() throws Exception {
    Path publicKey =
        Files.writeString(
            dir.resolve("audit.pub"), DecisionKeys.pem(DecisionKeys.generate().getPublic()));

    assertThatThrownBy(() -> new AuditKey(" ", "hallmark.test/audit"))
        .isInstanceOf(AuditKeyConfigurationException.class)
        .hasMessageStartingWith("hallmark.audit.key-file (HALLMARK_AUDIT_KEY_FILE) is not set");
    assertThatThrownBy(() -> new AuditKey(publicKey.toString(), "hallmark.test/audit"))
        .isInstanceOf(AuditKeyConfigurationException.class)
        .hasMessageContaining("holds a PUBLIC KEY");
    Path privateKey = Files.writeString(dir.resolve("ok.pem"), OPENSSL_PRIVATE);
    assertThatThrownBy(() -> new AuditKey(privateKey.toString(), "has a+plus"))
        .isInstanceOf(AuditKeyConfigurationException.class)
        .hasMessageStartingWith("hallmark.audit.origin:");
  }
}
