package dev.hallmark.signer.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.notary.CanonicalJson;
import dev.hallmark.signer.signers.Signer;
import dev.hallmark.signer.signers.SigningAlgorithm;
import dev.hallmark.signer.signers.SoftwareSigner;
import dev.hallmark.signer.signers.TestKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;

class TufSignaturesTest {
  private static Map<String, Object> targets() {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("length", 528);
    target.put("hashes", Map.of("sha256", new byte[32]));
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("_type", "Targets");
    signed.put("delegations", Map.of("keys", Map.of(), "roles", List.of()));
    signed.put("expires", "2029-11-23T00:00:00Z");
    signed.put("targets", Map.of("1.0", target));
    signed.put("version", 2);
    return signed;
  }

  @Test
  void sign_ecdsa_isRawRAndSOverTheCanonicalSignedObject_thatTheJdkVerifies() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.ECDSA_P256);
    Signer signer =
        SoftwareSigner.of(pair.getPrivate(), pair.getPublic(), SigningAlgorithm.ECDSA_P256);

    Map<String, Object> signature = TufSignatures.sign(targets(), signer, "abc123");

    assertThat(signature).containsEntry("keyid", "abc123").containsEntry("method", "ecdsa");
    byte[] raw = (byte[]) signature.get("sig");
    assertThat(raw).hasSize(64);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(pair.getPublic());
    verifier.update(CanonicalJson.encode(targets()));
    assertThat(verifier.verify(raw)).isTrue();
  }

  @Test
  void sign_rsaKey_isRefused_becauseNotaryWantsRsaPss() throws Exception {
    KeyPair pair = TestKeys.generate(SigningAlgorithm.RSA_2048);
    Signer signer =
        SoftwareSigner.of(pair.getPrivate(), pair.getPublic(), SigningAlgorithm.RSA_2048);

    assertThatThrownBy(() -> TufSignatures.sign(targets(), signer, "id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ECDSA_P256");
  }

  @Test
  void rawEcdsa_rightAlignsShortScalarsAndDropsSignBytes() throws Exception {
    BigInteger shortR = BigInteger.valueOf(0x0102);
    BigInteger highS = new BigInteger(1, filled((byte) 0xff));
    ASN1EncodableVector parts = new ASN1EncodableVector();
    parts.add(new ASN1Integer(shortR));
    parts.add(new ASN1Integer(highS));

    byte[] raw = TufSignatures.rawEcdsa(new DERSequence(parts).getEncoded(), 32);

    assertThat(raw).hasSize(64);
    assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, 32))).isEqualTo(shortR);
    assertThat(java.util.Arrays.copyOfRange(raw, 32, 64)).isEqualTo(filled((byte) 0xff));
  }

  @Test
  void rawEcdsa_notDer_isRefused() {
    assertThatThrownBy(() -> TufSignatures.rawEcdsa(new byte[] {1, 2, 3}, 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] filled(byte value) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }
}
