package dev.hallmark.deploy.local.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes OCI image layouts (OCI image spec {@code image-layout.md}): {@code oci-layout}, {@code
 * blobs/sha256/<hex>} and an {@code index.json} whose entry carries {@code
 * org.opencontainers.image.ref.name} = the tag, so that {@code skopeo copy oci:<dir>:<tag>} finds
 * it. Every image has one gzipped tar layer holding one file of random bytes, so two calls never
 * produce the same digest.
 */
final class OciLayout {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Blob(String mediaType, String digest, long size) {
    ObjectNode descriptor() {
      ObjectNode node = JSON.createObjectNode();
      node.put("mediaType", mediaType);
      node.put("digest", digest);
      node.put("size", size);
      return node;
    }
  }

  private OciLayout() {}

  static void writeImage(Path dir, String tag) {
    Blob manifest = image(dir, "amd64");
    writeIndexJson(dir, manifest, tag);
  }

  static void writeIndex(Path dir, String tag, List<String> architectures) {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    ArrayNode manifests = index.putArray("manifests");
    for (String architecture : architectures) {
      ObjectNode entry = image(dir, architecture).descriptor();
      entry.putObject("platform").put("architecture", architecture).put("os", "linux");
      manifests.add(entry);
    }
    writeIndexJson(dir, blob(dir, OCI_INDEX, json(index)), tag);
  }

  private static Blob image(Path dir, String architecture) {
    byte[] content = new byte[512 + RANDOM.nextInt(512)];
    RANDOM.nextBytes(content);
    byte[] tar = tar("hallmark-test.bin", content);
    Blob layer = blob(dir, OCI_LAYER_GZIP, gzip(tar));

    ObjectNode config = JSON.createObjectNode();
    config.put("created", "2026-01-01T00:00:00Z");
    config.put("architecture", architecture);
    config.put("os", "linux");
    config.putObject("config").putArray("Cmd").add("/hallmark-test.bin");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(sha256(tar));
    Blob configBlob = blob(dir, OCI_CONFIG, json(config));

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", OCI_MANIFEST);
    manifest.set("config", configBlob.descriptor());
    manifest.putArray("layers").add(layer.descriptor());
    return blob(dir, OCI_MANIFEST, json(manifest));
  }

  private static void writeIndexJson(Path dir, Blob top, String tag) {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    ObjectNode entry = top.descriptor();
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    index.putArray("manifests").add(entry);
    write(dir.resolve("index.json"), json(index));
    write(
        dir.resolve("oci-layout"),
        "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static Blob blob(Path dir, String mediaType, byte[] content) {
    String digest = sha256(content);
    write(dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), content);
    return new Blob(mediaType, digest, content.length);
  }

  /** A POSIX ustar archive with one regular file. */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 1767225600L));
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    put(header, 148, String.format("%06o", checksum));
    header[154] = 0;
    header[155] = ' ';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] json(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
