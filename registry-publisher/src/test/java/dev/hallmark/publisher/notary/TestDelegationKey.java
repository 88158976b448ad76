package dev.hallmark.publisher.notary;

import dev.hallmark.notary.TufKeys;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A software ECDSA P-256 key with a self-signed certificate, made by the JDK's {@code keytool}:
 * what signer-service's HSM key is in the pipeline (a delegation key of {@code targets/releases}),
 * here so that registry-publisher's integration test needs no other service.
 */
final class TestDelegationKey {
  private static final char[] STORE_PASSWORD = "it-only".toCharArray();

  final PrivateKey privateKey;
  final String certificatePem;
  final Path certificateFile;
  final String keyId;

  private TestDelegationKey(PrivateKey privateKey, String certificatePem, Path certificateFile) {
    this.privateKey = privateKey;
    this.certificatePem = certificatePem;
    this.certificateFile = certificateFile;
    this.keyId = TufKeys.keyId(TufKeys.ECDSA_X509, certificatePem);
  }

  static TestDelegationKey create(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-sigalg",
                "SHA256withECDSA",
                "-dname",
                "CN=" + name,
                "-validity",
                "3650",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(STORE_PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, STORE_PASSWORD);
    }
    X509Certificate certificate = (X509Certificate) keyStore.getCertificate(name);
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Path file = dir.resolve(name + ".crt");
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
    return new TestDelegationKey((PrivateKey) keyStore.getKey(name, STORE_PASSWORD), pem, file);
  }

  /** A TUF signature entry over {@code canonicalSigned}: ECDSA, raw r||s, base64. */
  Map<String, Object> sign(byte[] canonicalSigned) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
    signer.initSign(privateKey);
    signer.update(canonicalSigned);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("keyid", keyId);
    entry.put("method", "ecdsa");
    entry.put("sig", Base64.getEncoder().encodeToString(signer.sign()));
    return entry;
  }

  /** {@code {"signed":…,"signatures":[…]}} re-signed by this key alone. */
  byte[] resign(Map<String, Object> signed, byte[] canonicalSigned) throws Exception {
    return dev.hallmark.notary.ReleasesDocuments.envelope(signed, List.of(sign(canonicalSigned)));
  }
}
