package dev.hallmark.deploy.local.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hallmark.deploy.local.testing.TestInfrastructure;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TestImages} against the real docker-registry, pushing with the real skopeo. */
class ImagePushIT {
  static String registry;

  @BeforeAll
  static void registry() {
    Optional<String> available = TestInfrastructure.shared().registry();
    assumeTrue(available.isPresent(), "no registry in this test infrastructure");
    registry = available.get();
  }

  private static String repository() {
    return "it/images-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void push_singleImage_returnsTheDigestTheRegistryReports() {
    String repository = repository();

    TestImages.PushedImage image = TestImages.push(registry, repository, "1.0");

    assertThat(image.digest()).matches("sha256:[a-f0-9]{64}");
    assertThat(TestImages.registryDigest(registry, repository, "1.0")).isEqualTo(image.digest());
    assertThat(TestImages.registryDigest(registry, repository, image.digest()))
        .isEqualTo(image.digest());
    assertThat(image.reference()).isEqualTo(registry + "/" + repository + "@" + image.digest());
  }

  @Test
  void push_twice_givesDifferentImages() {
    String repository = repository();

    String first = TestImages.push(registry, repository, "a").digest();
    String second = TestImages.push(registry, repository, "b").digest();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void pushIndex_twoPlatforms_returnsIndexAndPlatformDigestsAllResolvable() {
    String repository = repository();

    TestImages.PushedIndex index = TestImages.pushIndex(registry, repository, "multi");

    assertThat(TestImages.registryDigest(registry, repository, "multi"))
        .isEqualTo(index.indexDigest());
    assertThat(index.platformDigests()).containsOnlyKeys("linux/amd64", "linux/arm64");
    index
        .platformDigests()
        .values()
        .forEach(
            digest ->
                assertThat(TestImages.registryDigest(registry, repository, digest))
                    .isEqualTo(digest));
  }
}
