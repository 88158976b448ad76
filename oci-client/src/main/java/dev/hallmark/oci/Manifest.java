package dev.hallmark.oci;

/**
 * A manifest as fetched: the exact bytes (the digest is over them, so never re-serialize them
 * before computing it), their media type and digest. The digest was verified against the bytes.
 */
public record Manifest(String digest, String mediaType, byte[] content) {
  public Manifest {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public ManifestDescriptor descriptor() {
    return new ManifestDescriptor(digest, mediaType, content.length);
  }

  @Override
  public String toString() {
    return "Manifest[" + digest + ", " + mediaType + ", " + content.length + " bytes]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Manifest m
        && m.digest.equals(digest)
        && m.mediaType.equals(mediaType)
        && java.util.Arrays.equals(m.content, content);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }
}
