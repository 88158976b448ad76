package dev.hallmark.notary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {
  @Test
  void rawEcdsaSignature_verifies_andAnotherMessageDoesNot() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    byte[] message = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(pair.getPrivate());
    signer.update(message);
    byte[] raw = signer.sign();
    Map<String, Object> keyObject =
        Map.of(
            "keytype",
            "ecdsa",
            "keyval",
            new java.util.HashMap<>(Map.of("public", pair.getPublic().getEncoded())));
    ((Map<String, Object>) keyObject.get("keyval")).put("private", null);
    String id = Hashes.sha256Hex(CanonicalJson.encode(keyObject));
    TufKey key =
        TufKey.parse(
            id,
            Map.of(
                "keytype",
                "ecdsa",
                "keyval",
                Map.of(
                    "public", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))));

    assertThat(raw).hasSize(64);
    assertThat(SignatureCheck.verifies(key, new RoleSignature(id, "ecdsa", raw), message)).isTrue();
    assertThat(
            SignatureCheck.verifies(
                key,
                new RoleSignature(id, "ecdsa", raw),
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(SignatureCheck.verifies(key, new RoleSignature(id, "eddsa", raw), message))
        .isFalse();
  }

  @Test
  void derFromRaw_keepsScalarsWithLeadingZeroesAndHighBits() {
    byte[] raw = new byte[64];
    raw[0] = (byte) 0x80; // r needs a sign byte in DER
    raw[63] = 1; // s is 1
    byte[] der = SignatureCheck.derFromRaw(raw);

    assertThat(der[0]).isEqualTo((byte) 0x30);
    assertThat(new BigInteger(1, Arrays.copyOfRange(der, 5, 5 + 32)))
        .isEqualTo(new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)));
    assertThat(List.of(der[der.length - 3], der[der.length - 2], der[der.length - 1]))
        .containsExactly((byte) 0x02, (byte) 1, (byte) 1);
  }
}
