package dev.hallmark.deploy.local.demo;

import dev.hallmark.deploy.local.images.TestImages;
import dev.hallmark.deploy.local.images.TestImages.PushedImage;
import dev.hallmark.deploy.local.infrastructure.ConfigurationException;
import dev.hallmark.deploy.local.infrastructure.ExternalInfrastructure;
import dev.hallmark.deploy.local.infrastructure.NotaryCli;
import dev.hallmark.deploy.local.infrastructure.TrustPinningFile;
import dev.hallmark.deploy.local.stack.StackEnvFile;
import dev.hallmark.deploy.local.stack.StackLayout;
import dev.hallmark.deploy.local.verify.CosignVerifier;
import dev.hallmark.deploy.local.verify.PublicKeys;
import dev.hallmark.deploy.local.verify.VerificationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code stack demo [--pushes N]}: pushes a fresh image to {@code <registry>/demo/app} with skopeo,
 * as a CI job would, and waits until its cosign signature, made by the stack after the registry's
 * push webhook, verifies with the demo public key. Verification is {@link CosignVerifier}, which
 * shares no code with the services. When the stack runs a Notary server, the first image's tag must
 * also appear in the repository's {@code targets/releases}, as the notary client lists it trusting
 * only the pinned root. With several pushes it reports the push-to-signature latency.
 */
public final class StackDemo {
  static final String REPOSITORY = "demo/app";
  static final Duration SIGNATURE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(20);

  private final StackLayout layout;
  private final PrintStream out;

  public StackDemo(StackLayout layout, PrintStream out) {
    this.layout = layout;
    this.out = out;
  }

  /**
   * @return true if every pushed image got a verifying signature in time
   */
  public boolean run(int pushes) {
    Map<String, String> env = readStackEnv();
    String registry = env.get(ExternalInfrastructure.REGISTRY);
    PublicKey key = publicKey(env);
    out.printf(
        "demo: pushing %d image(s) to %s/%s; the registry's webhook asks Hallmark to sign%n",
        pushes, registry, REPOSITORY);
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= pushes; i++) {
      PushedImage image = TestImages.push(registry, REPOSITORY, "demo-" + System.nanoTime());
      long pushed = System.nanoTime();
      VerificationResult result = awaitSignature(registry, image.digest(), key);
      long millis = Duration.ofNanos(System.nanoTime() - pushed).toMillis();
      if (!result.isVerified()) {
        out.printf(
            "demo: %s@%s has no verifying signature after %s: %s %s%n",
            image.reference(),
            image.digest(),
            SIGNATURE_TIMEOUT,
            result.problem(),
            result.rejected());
        return false;
      }
      latencies.add(millis);
      if (pushes == 1 || i == 1) {
        describe(image, result, millis);
        if (!verifyNotary(env, image)) {
          return false;
        }
      }
    }
    if (pushes > 1) {
      List<Long> sorted = latencies.stream().sorted().toList();
      out.printf(
          "demo: push -> verified signature over %d sequential pushes: median %d ms, worst %d ms,"
              + " best %d ms (all: %s)%n",
          pushes,
          sorted.get(sorted.size() / 2),
          sorted.get(sorted.size() - 1),
          sorted.get(0),
          latencies);
    }
    return true;
  }

  private void describe(PushedImage image, VerificationResult result, long millis) {
    VerificationResult.VerifiedSignature signature = result.verified().get(0);
    out.printf(
        "demo: pushed   %s/%s:%s (%s)%n",
        image.registry(), REPOSITORY, image.tag(), image.digest());
    out.printf(
        "demo: signed   %s/%s:%s, %d ms after the push%n",
        image.registry(), REPOSITORY, result.signatureTag(), millis);
    out.printf(
        "demo: verified cosign signature with key %s: docker-reference %s, digest %s%n",
        signature.keyFingerprint(),
        signature.payload().dockerReference(),
        signature.payload().dockerManifestDigest());
  }

  /**
   * Waits until the notary client, trusting only the pinned root, lists the image's tag under
   * {@code targets/releases} with its digest. True when the stack has no Notary server.
   */
  private boolean verifyNotary(Map<String, String> env, PushedImage image) {
    String url = env.get("HALLMARK_NOTARY_URL");
    String gun = env.get("HALLMARK_NOTARY_GUN");
    String pinning = env.get("HALLMARK_NOTARY_TRUST_PINNING");
    if (url == null || gun == null || pinning == null) {
      return true;
    }
    java.util.Optional<List<String>> rootKeyIds =
        TrustPinningFile.rootKeyIds(java.nio.file.Path.of(pinning), gun);
    if (rootKeyIds.isEmpty() || rootKeyIds.get().isEmpty()) {
      out.printf("demo: no root is pinned for %s in %s%n", gun, pinning);
      return false;
    }
    NotaryCli.RootPin pin = new NotaryCli.RootPin(gun, rootKeyIds.get().get(0));
    NotaryCli client = NotaryCli.open(layout.notary().resolve("verifier"), url);
    String digestHex = image.digest().substring("sha256:".length());
    long deadline = System.nanoTime() + SIGNATURE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (NotaryCli.Target target : client.list(gun, pin)) {
        if (target.name().equals(image.tag()) && target.sha256Hex().equals(digestHex)) {
          out.printf(
              "demo: verified Notary v1 trust data: notary list %s (root %s… pinned) shows %s ->"
                  + " sha256:%s… (%d bytes) in %s%n",
              gun,
              pin.rootKeyId().substring(0, 12),
              target.name(),
              digestHex.substring(0, 12),
              target.size(),
              target.role());
          return true;
        }
      }
      sleep(Duration.ofMillis(250));
    }
    out.printf(
        "demo: %s:%s is not in %s's targets/releases after %s%n",
        gun, image.tag(), gun, SIGNATURE_TIMEOUT);
    return false;
  }

  private static VerificationResult awaitSignature(String registry, String digest, PublicKey key) {
    long deadline = System.nanoTime() + SIGNATURE_TIMEOUT.toNanos();
    VerificationResult result = CosignVerifier.verify(registry, REPOSITORY, digest, key);
    while (!result.isVerified() && System.nanoTime() < deadline) {
      sleep();
      result = CosignVerifier.verify(registry, REPOSITORY, digest, key);
    }
    return result;
  }

  private Map<String, String> readStackEnv() {
    try {
      return StackEnvFile.read(layout.stackEnv());
    } catch (UncheckedIOException e) {
      throw new ConfigurationException(
          "demo", layout.stackEnv().toString(), "the stack is not up: run deploy/local/stack up");
    }
  }

  private static PublicKey publicKey(Map<String, String> env) {
    String path = env.get("HALLMARK_COSIGN_PUBLIC_KEY");
    if (path == null) {
      throw new ConfigurationException(
          "demo", "HALLMARK_COSIGN_PUBLIC_KEY", "signer-service published no demo key");
    }
    try {
      return PublicKeys.fromPem(Files.readString(java.nio.file.Path.of(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep() {
    sleep(POLL);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
