package dev.hallmark.deploy.local.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An independent verifier of cosign "simple signing" signatures in an OCI registry, for end-to-end
 * tests and the stack's demo. It follows what {@code cosign verify --key} and containers/image do
 * and shares no code with registry-publisher (it is the second opinion on what the publisher
 * wrote):
 *
 * <ol>
 *   <li>GET the manifest {@code sha256-<hex>.sig} (docs/formats.md, "Tag-based discovery and the
 *       signature manifest") over plain HTTP; it must be an OCI image manifest (containers/image
 *       rejects Docker media types);
 *   <li>for each layer of media type {@value #SIMPLE_SIGNING}: GET the blob and check that it
 *       hashes to the layer's digest (and has its size);
 *   <li>base64-decode the annotation {@value #SIGNATURE_ANNOTATION} and verify it over the exact
 *       blob bytes with the key: ECDSA P-256 + SHA-256 (ASN.1 DER) or RSA PKCS#1 v1.5 + SHA-256;
 *   <li>parse the payload strictly ({@link SimpleSigningPayload}) and require {@code
 *       docker-manifest-digest} == the image digest and {@code docker-reference} == {@code
 *       <registry>/<repository>}.
 * </ol>
 *
 * <p>From a shell: {@code java -cp
 * deploy/local/target/hallmark-deploy-local-*.jar:deploy/local/target/lib/*
 * dev.hallmark.deploy.local.verify.CosignVerifier <registry> <repository> <digest> <key.pem>}.
 */
public final class CosignVerifier {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final long MAX_BYTES = 4L * 1024 * 1024;
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  private CosignVerifier() {}

  /**
   * Verifies the cosign signatures of {@code registry/repository@digest} with {@code key}.
   *
   * @param registry {@code host:port} of a plain-HTTP registry
   * @param digest {@code sha256:<hex>} of the image (or index) manifest
   */
  public static VerificationResult verify(
      String registry, String repository, String digest, PublicKey key) {
    if (!SHA256.matcher(digest).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    String tag = digest.replace(':', '-') + ".sig";
    String base = "http://" + registry + "/v2/" + repository;
    HttpResponse<byte[]> response;
    try {
      response =
          get(
              base + "/manifests/" + tag,
              OCI_MANIFEST + ", application/vnd.docker.distribution.manifest.v2+json");
    } catch (IOException e) {
      return problem(tag, "registry unreachable: " + e);
    }
    if (response.statusCode() == 404) {
      return problem(tag, "no signature manifest " + tag);
    }
    if (response.statusCode() != 200) {
      return problem(tag, "GET manifest " + tag + " answered HTTP " + response.statusCode());
    }
    String contentType =
        response
            .headers()
            .firstValue("Content-Type")
            .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
            .orElse("");
    JsonNode manifest;
    try {
      manifest = JSON.readTree(response.body());
    } catch (IOException e) {
      return problem(tag, "signature manifest is not valid JSON");
    }
    if (!OCI_MANIFEST.equals(contentType)
        || (manifest.has("mediaType")
            && !OCI_MANIFEST.equals(manifest.path("mediaType").asText()))) {
      return problem(tag, "signature manifest is not an OCI image manifest: " + contentType);
    }
    if (manifest.path("schemaVersion").asInt() != 2 || !manifest.path("layers").isArray()) {
      return problem(tag, "signature manifest has no schemaVersion 2 or no layers");
    }

    String expectedReference = registry + "/" + repository;
    String fingerprint = PublicKeys.fingerprint(key);
    List<VerificationResult.VerifiedSignature> verified = new ArrayList<>();
    List<VerificationResult.RejectedLayer> rejected = new ArrayList<>();
    JsonNode layers = manifest.path("layers");
    for (int i = 0; i < layers.size(); i++) {
      JsonNode layer = layers.get(i);
      String layerDigest = layer.path("digest").asText("");
      try {
        SimpleSigningPayload payload =
            verifyLayer(base, layer, layerDigest, key, digest, expectedReference);
        verified.add(
            new VerificationResult.VerifiedSignature(i, layerDigest, fingerprint, payload));
      } catch (Rejection r) {
        rejected.add(new VerificationResult.RejectedLayer(i, layerDigest, r.getMessage()));
      }
    }
    return new VerificationResult(tag, null, verified, rejected);
  }

  private static SimpleSigningPayload verifyLayer(
      String base,
      JsonNode layer,
      String layerDigest,
      PublicKey key,
      String digest,
      String expectedReference)
      throws Rejection {
    String mediaType = layer.path("mediaType").asText("");
    if (!SIMPLE_SIGNING.equals(mediaType)) {
      throw new Rejection("media type " + mediaType + " is not " + SIMPLE_SIGNING);
    }
    if (!SHA256.matcher(layerDigest).matches()) {
      throw new Rejection("layer digest is not sha256:<hex>");
    }
    JsonNode annotation = layer.path("annotations").path(SIGNATURE_ANNOTATION);
    if (!annotation.isTextual()) {
      throw new Rejection("no " + SIGNATURE_ANNOTATION + " annotation");
    }
    byte[] blob;
    try {
      HttpResponse<byte[]> response =
          get(base + "/blobs/" + layerDigest, "application/octet-stream");
      if (response.statusCode() != 200) {
        throw new Rejection("GET blob answered HTTP " + response.statusCode());
      }
      blob = response.body();
    } catch (IOException e) {
      throw new Rejection("GET blob failed: " + e);
    }
    if (!sha256(blob).equals(layerDigest)) {
      throw new Rejection("blob does not hash to the layer digest");
    }
    if (layer.has("size") && layer.path("size").asLong(-1) != blob.length) {
      throw new Rejection("blob size differs from the layer's size");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(annotation.textValue());
    } catch (IllegalArgumentException e) {
      throw new Rejection("signature annotation is not base64");
    }
    if (!signatureValid(key, blob, signature)) {
      throw new Rejection("cryptographic signature verification failed");
    }
    SimpleSigningPayload payload;
    try {
      payload = SimpleSigningPayload.parse(blob);
    } catch (SimpleSigningPayload.InvalidPayloadException e) {
      throw new Rejection("invalid payload: " + e.getMessage());
    }
    if (!payload.dockerManifestDigest().equals(digest)) {
      throw new Rejection(
          "payload signs digest " + payload.dockerManifestDigest() + ", not " + digest);
    }
    if (!payload.dockerReference().equals(expectedReference)) {
      throw new Rejection(
          "payload signs reference " + payload.dockerReference() + ", not " + expectedReference);
    }
    return payload;
  }

  /** ECDSA (ASN.1 DER) or RSA PKCS#1 v1.5, both over SHA-256, as cosign signs. */
  static boolean signatureValid(PublicKey key, byte[] payload, byte[] signature) throws Rejection {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> throw new Rejection("unsupported key algorithm " + key.getAlgorithm());
        };
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // e.g. a signature that is not valid DER
    }
  }

  private static HttpResponse<byte[]> get(String url, String accept) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Accept", accept)
            .GET()
            .build();
    try {
      HttpResponse<byte[]> response =
          HTTP.send(
              request,
              info ->
                  info.headers().firstValueAsLong("Content-Length").orElse(0) > MAX_BYTES
                      ? HttpResponse.BodySubscribers.replacing(new byte[0])
                      : HttpResponse.BodySubscribers.ofByteArray());
      if (response.body().length > MAX_BYTES) {
        throw new IOException(url + " is larger than " + MAX_BYTES + " bytes");
      }
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static VerificationResult problem(String tag, String problem) {
    return new VerificationResult(tag, problem, List.of(), List.of());
  }

  /** A layer failed a check; the message says which. */
  static final class Rejection extends Exception {
    Rejection(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * {@code CosignVerifier <registry> <repository> <digest> <public-key.pem>}: one line per
   * signature; exit 0 if at least one verified, 1 if none, 2 on bad arguments.
   */
  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println(
          "usage: CosignVerifier <registry host:port> <repository> <sha256:digest> <public-key.pem>");
      System.exit(2);
    }
    PublicKey key;
    try {
      key = PublicKeys.fromPem(Files.readString(Path.of(args[3]), StandardCharsets.US_ASCII));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("cannot read public key " + args[3] + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    VerificationResult result;
    try {
      result = verify(args[0], args[1], args[2], key);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(print(result, args[0] + "/" + args[1] + "@" + args[2]));
  }

  /** Prints the result, one line per layer; returns the exit code. */
  static int print(VerificationResult result, String image) {
    if (result.problem() != null) {
      System.out.println("NO SIGNATURES " + image + ": " + result.problem());
    }
    for (VerificationResult.VerifiedSignature s : result.verified()) {
      System.out.println(
          "VERIFIED layer "
              + s.layer()
              + " "
              + s.layerDigest()
              + " key "
              + s.keyFingerprint()
              + " reference "
              + s.payload().dockerReference()
              + " digest "
              + s.payload().dockerManifestDigest()
              + (s.payload().timestamp() == null ? "" : " timestamp " + s.payload().timestamp()));
    }
    for (VerificationResult.RejectedLayer r : result.rejected()) {
      System.out.println("REJECTED layer " + r.layer() + " " + r.layerDigest() + ": " + r.reason());
    }
    System.out.println(
        (result.isVerified() ? "OK " : "FAILED ")
            + image
            + ": "
            + result.verified().size()
            + " verified, "
            + result.rejected().size()
            + " rejected");
    return result.isVerified() ? 0 : 1;
  }
}
