package dev.hallmark.publisher.cosign;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cosign signature as a layer of the {@code .sig} manifest (docs/formats.md, "Tag-based
 * discovery and the signature manifest"; cosign {@code pkg/oci/static/signature.go}): the blob is
 * the payload, media type {@value #MEDIA_TYPE}, annotation {@value #SIGNATURE} = base64 of the
 * signature, and, when the key has a certificate, {@value #CERTIFICATE} (the leaf, PEM) and {@value
 * #CHAIN} (the rest of the chain, PEM).
 */
public record CosignLayer(
    byte[] payload, String payloadDigest, byte[] signature, String certificatePem) {
  public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE = "dev.cosignproject.cosign/signature";
  public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  public static final String CHAIN = "dev.sigstore.cosign/chain";
  private static final Pattern PEM_CERTIFICATE =
      Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\\s*");

  public CosignLayer {
    payload = payload.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public String signatureBase64() {
    return Base64.getEncoder().encodeToString(signature);
  }

  /** The leaf certificate, PEM, or null. */
  String leafCertificate() {
    List<String> certificates = certificates();
    return certificates.isEmpty() ? null : certificates.get(0);
  }

  /** The certificates after the leaf, concatenated PEM, or null. */
  String chain() {
    List<String> certificates = certificates();
    return certificates.size() < 2
        ? null
        : String.join("", certificates.subList(1, certificates.size()));
  }

  private List<String> certificates() {
    List<String> certificates = new ArrayList<>();
    if (certificatePem == null || certificatePem.isBlank()) {
      return certificates;
    }
    Matcher matcher = PEM_CERTIFICATE.matcher(certificatePem);
    while (matcher.find()) {
      String block = matcher.group().strip();
      certificates.add(block + "\n");
    }
    return certificates;
  }
}
