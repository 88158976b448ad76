package dev.hallmark.deploy.local.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-built good and tampered cosign signatures, served by a JDK HttpServer. */
class CosignVerifierTest {
  static final String REPO = "demo/app";
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String TAG = "sha256-" + "ab".repeat(32) + ".sig";

  final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final Map<String, String> manifests = new ConcurrentHashMap<>();
  volatile String manifestContentType = CosignVerifier.OCI_MANIFEST;
  HttpServer server;
  String registry;
  KeyPair ec;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/v2/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = null;
            if (path.contains("/blobs/")) {
              body = blobs.get(path.substring(path.lastIndexOf('/') + 1));
            } else if (path.contains("/manifests/")) {
              String manifest = manifests.get(path);
              if (manifest != null) {
                exchange.getResponseHeaders().add("Content-Type", manifestContentType);
                body = manifest.getBytes(StandardCharsets.UTF_8);
              }
            }
            if (body == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              exchange.sendResponseHeaders(200, body.length);
              exchange.getResponseBody().write(body);
            }
          }
        });
    server.start();
    registry = "127.0.0.1:" + server.getAddress().getPort();
    ec = ecKeyPair();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  String payload(String digest, String reference) {
    return "{\"critical\":{\"identity\":{\"docker-reference\":\""
        + reference
        + "\"},\"image\":{\"docker-manifest-digest\":\""
        + digest
        + "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"creator\":\"test\","
        + "\"timestamp\":1732370000}}";
  }

  String goodPayload() {
    return payload(DIGEST, registry + "/" + REPO);
  }

  static String sign(PrivateKey key, byte[] payload) throws Exception {
    Signature signer =
        Signature.getInstance(
            key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA");
    signer.initSign(key);
    signer.update(payload);
    return Base64.getEncoder().encodeToString(signer.sign());
  }

  record Layer(String mediaType, byte[] blob, String signature, String digestOverride) {}

  Layer signed(String payload, PrivateKey key) throws Exception {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return new Layer(CosignVerifier.SIMPLE_SIGNING, bytes, sign(key, bytes), null);
  }

  void publish(Layer... layers) {
    List<String> descriptors = new ArrayList<>();
    for (Layer layer : layers) {
      String digest =
          layer.digestOverride() != null ? layer.digestOverride() : sha256(layer.blob());
      blobs.put(digest, layer.blob());
      descriptors.add(
          "{\"mediaType\":\""
              + layer.mediaType()
              + "\",\"size\":"
              + layer.blob().length
              + ",\"digest\":\""
              + digest
              + "\",\"annotations\":{\""
              + CosignVerifier.SIGNATURE_ANNOTATION
              + "\":\""
              + layer.signature()
              + "\"}}");
    }
    manifests.put(
        "/v2/" + REPO + "/manifests/" + TAG,
        "{\"schemaVersion\":2,\"mediaType\":\""
            + CosignVerifier.OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"size\":2,\"digest\":\"sha256:"
            + "0".repeat(64)
            + "\"},\"layers\":["
            + String.join(",", descriptors)
            + "]}");
  }

  static String sha256(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  VerificationResult verify() {
    return CosignVerifier.verify(registry, REPO, DIGEST, ec.getPublic());
  }

  String onlyRejection() {
    VerificationResult result = verify();
    assertThat(result.verified()).isEmpty();
    assertThat(result.rejected()).hasSize(1);
    return result.rejected().get(0).reason();
  }

  @Test
  void verify_goodEcdsaSignature_verifiesWithPayloadAndFingerprint() throws Exception {
    publish(signed(goodPayload(), ec.getPrivate()));

    VerificationResult result = verify();

    assertThat(result.isVerified()).isTrue();
    assertThat(result.problem()).isNull();
    assertThat(result.signatureTag()).isEqualTo(TAG);
    VerificationResult.VerifiedSignature signature = result.verified().get(0);
    assertThat(signature.payload().dockerManifestDigest()).isEqualTo(DIGEST);
    assertThat(signature.payload().dockerReference()).isEqualTo(registry + "/" + REPO);
    assertThat(signature.payload().timestamp()).isEqualTo(1732370000L);
    assertThat(signature.keyFingerprint()).isEqualTo(PublicKeys.fingerprint(ec.getPublic()));
  }

  @Test
  void verify_goodRsaSignature_verifies() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair rsa = generator.generateKeyPair();
    publish(signed(goodPayload(), rsa.getPrivate()));

    assertThat(CosignVerifier.verify(registry, REPO, DIGEST, rsa.getPublic()).isVerified())
        .isTrue();
  }

  @Test
  void verify_twoKeys_verifiesOnlyTheLayerOfTheGivenKey() throws Exception {
    publish(
        signed(goodPayload(), ecKeyPair().getPrivate()), signed(goodPayload(), ec.getPrivate()));

    VerificationResult result = verify();

    assertThat(result.verified())
        .extracting(VerificationResult.VerifiedSignature::layer)
        .containsExactly(1);
    assertThat(result.rejected())
        .extracting(VerificationResult.RejectedLayer::reason)
        .containsExactly("cryptographic signature verification failed");
  }

  @Test
  void verify_payloadForAnotherDigest_rejected() throws Exception {
    publish(signed(payload("sha256:" + "cd".repeat(32), registry + "/" + REPO), ec.getPrivate()));

    assertThat(onlyRejection()).contains("signs digest sha256:cdcd");
  }

  @Test
  void verify_payloadForAnotherReference_rejected() throws Exception {
    publish(signed(payload(DIGEST, registry + "/other/app"), ec.getPrivate()));

    assertThat(onlyRejection()).contains("signs reference");
  }

  @Test
  void verify_extraTopLevelKey_rejected() throws Exception {
    publish(signed(goodPayload().replaceFirst("\\{", "{\"extra\":1,"), ec.getPrivate()));

    assertThat(onlyRejection()).contains("top level").contains("unexpected [extra]");
  }

  @Test
  void verify_extraCriticalKey_rejected() throws Exception {
    publish(
        signed(
            goodPayload().replace("\"critical\":{", "\"critical\":{\"more\":\"x\","),
            ec.getPrivate()));

    assertThat(onlyRejection()).contains("critical must have exactly");
  }

  @Test
  void verify_duplicateKey_rejected() throws Exception {
    String duplicated =
        goodPayload()
            .replace(
                "\"type\":\"cosign container image signature\"",
                "\"type\":\"cosign container image signature\","
                    + "\"type\":\"cosign container image signature\"");
    publish(signed(duplicated, ec.getPrivate()));

    assertThat(onlyRejection()).contains("not strict JSON").contains("Duplicate field 'type'");
  }

  @Test
  void verify_signatureOverOtherBytes_rejected() throws Exception {
    byte[] bytes = goodPayload().getBytes(StandardCharsets.UTF_8);
    String signatureOfOther =
        sign(ec.getPrivate(), (goodPayload() + " ").getBytes(StandardCharsets.UTF_8));
    publish(new Layer(CosignVerifier.SIMPLE_SIGNING, bytes, signatureOfOther, null));

    assertThat(onlyRejection()).isEqualTo("cryptographic signature verification failed");
  }

  @Test
  void verify_garbageSignature_rejected() throws Exception {
    byte[] bytes = goodPayload().getBytes(StandardCharsets.UTF_8);
    publish(new Layer(CosignVerifier.SIMPLE_SIGNING, bytes, "bm90IGEgc2lnbmF0dXJl", null));

    assertThat(onlyRejection()).isEqualTo("cryptographic signature verification failed");
  }

  @Test
  void verify_blobNotMatchingLayerDigest_rejected() throws Exception {
    Layer good = signed(goodPayload(), ec.getPrivate());
    publish(
        new Layer(
            good.mediaType(), good.blob(), good.signature(), sha256("something else".getBytes())));

    assertThat(onlyRejection()).contains("does not hash to the layer digest");
  }

  @Test
  void verify_wrongTypeAndNonIntegerTimestamp_rejected() throws Exception {
    publish(
        signed(
            goodPayload().replace("cosign container image signature", "atomic"), ec.getPrivate()));
    assertThat(onlyRejection()).contains("unrecognized signature type atomic");

    publish(signed(goodPayload().replace("1732370000", "1732370000.5"), ec.getPrivate()));
    assertThat(onlyRejection()).contains("optional.timestamp is not an integer");
  }

  @Test
  void verify_optionalNull_verifies() throws Exception {
    String payload = goodPayload().replaceAll("\"optional\":\\{.*}}$", "\"optional\":null}");
    publish(signed(payload, ec.getPrivate()));

    VerificationResult result = verify();

    assertThat(result.isVerified()).as(result.toString()).isTrue();
    assertThat(result.verified().get(0).payload().timestamp()).isNull();
  }

  @Test
  void verify_otherLayerMediaType_rejected() throws Exception {
    Layer good = signed(goodPayload(), ec.getPrivate());
    publish(new Layer("application/octet-stream", good.blob(), good.signature(), null));

    assertThat(onlyRejection()).contains("is not " + CosignVerifier.SIMPLE_SIGNING);
  }

  @Test
  void verify_dockerMediaTypeManifest_isAProblem() throws Exception {
    publish(signed(goodPayload(), ec.getPrivate()));
    manifestContentType = "application/vnd.docker.distribution.manifest.v2+json";

    VerificationResult result = verify();

    assertThat(result.isVerified()).isFalse();
    assertThat(result.problem()).contains("not an OCI image manifest");
  }

  @Test
  void verify_noSignatureManifest_isAProblemAndMainExitsNonZero() {
    VerificationResult result = verify();

    assertThat(result.isVerified()).isFalse();
    assertThat(result.problem()).contains("no signature manifest " + TAG);
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(CosignVerifier.print(result, "x")).isEqualTo(1);
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED x: 0 verified");
  }

  @Test
  void publicKeys_fromPem_readsWhatJavaEncodes() throws IOException {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ec.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";

    assertThat(PublicKeys.fromPem(pem)).isEqualTo(ec.getPublic());
  }
}
