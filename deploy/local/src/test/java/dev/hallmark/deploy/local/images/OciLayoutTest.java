package dev.hallmark.deploy.local.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path dir;

  @Test
  void tar_oneFile_hasValidHeaderChecksumAndBlockPadding() {
    byte[] tar = OciLayout.tar("f.bin", new byte[700]);

    assertThat(tar.length % 512).isZero();
    assertThat(tar.length).isEqualTo(512 + 1024 + 1024);
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : tar[i] & 0xff;
    }
    String stored = new String(tar, 148, 6, StandardCharsets.US_ASCII);
    assertThat(Integer.parseInt(stored, 8)).isEqualTo(sum);
    assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
  }

  @Test
  void writeIndex_writesLayoutWithTaggedIndexAndBlobsNamedByDigest() throws Exception {
    OciLayout.writeIndex(dir, "multi", java.util.List.of("amd64", "arm64"));

    assertThat(Files.readString(dir.resolve("index.json")))
        .contains("\"org.opencontainers.image.ref.name\":\"multi\"")
        .contains(OciLayout.OCI_INDEX);
    try (var blobs = Files.list(dir.resolve("blobs/sha256"))) {
      blobs.forEach(
          blob -> {
            try {
              assertThat(OciLayout.sha256(Files.readAllBytes(blob)))
                  .isEqualTo("sha256:" + blob.getFileName());
            } catch (java.io.IOException e) {
              throw new AssertionError(e);
            }
          });
    }
  }
}
