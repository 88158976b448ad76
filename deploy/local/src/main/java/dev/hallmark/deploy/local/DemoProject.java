package dev.hallmark.deploy.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The demo project of the local stack, as policy-as-code: project {@code demo} with policy {@code
 * default}, which auto-signs pushes to {@code <registry>/demo/app} with cosign and Notary v1
 * (Docker Content Trust, delegation {@code targets/releases}) and the SoftHSM key {@code
 * demo-cosign}; {@code cosign} auto-signs pushes to the other {@code <registry>/demo/*}
 * repositories with cosign only and the same key; {@code rsa} signs CI requests for {@code
 * <registry>/demo/*} with an RSA key, and {@code builds} signs CI requests for {@code
 * <registry>/builds/*}, which pushes do not trigger. intake-service and policy-service read the
 * same file ({@code MICRONAUT_CONFIG_FILES}); only the hash of the CI token is in it.
 *
 * <p>intake-service signs a push by the auto-signing policy that covers the repository most
 * specifically: {@code default} ({@code demo/app}) wins over {@code cosign} ({@code demo/*}) for
 * {@code demo/app}.
 */
final class DemoProject {
  static final String PROJECT = "demo";
  static final String POLICY = "default";
  static final String KEY_ID = "demo-cosign";

  /**
   * Auto-signs pushes to the demo repositories other than {@code demo/app} with cosign only: Notary
   * trust data exists for {@code demo/app} alone (and {@code stack bench} pushes to {@code
   * demo/bench-*}).
   */
  static final String COSIGN_POLICY = "cosign";

  /** A second policy and key, RSA, for images that need two signatures. */
  static final String RSA_POLICY = "rsa";

  static final String RSA_KEY_ID = "demo-cosign-rsa";

  /**
   * A policy for CI requests only: pushes to {@code <registry>/builds/*} are not auto-signed, so
   * that {@code stack bench} can time the CI path alone.
   */
  static final String BUILDS_POLICY = "builds";

  private DemoProject() {}

  /**
   * Writes {@code config/projects.yml} for the registry the stack runs.
   *
   * @return the demo CI token (created once, kept in {@code secrets/ci-token})
   */
  static String write(StackLayout layout, String registry) {
    String token = Secrets.readOrCreate(layout.ciTokenFile());
    Secrets.writeOwnerOnly(layout.projectsFile(), render(registry, sha256Hex(token)));
    return token;
  }

  static String render(String registry, String tokenSha256) {
    return """
        # Written by deploy/local/stack up: the demo project (policy as code).
        hallmark:
          projects:
            %s:
              submitters:
                ci:
                  token-sha256: "%s"
              policies:
                %s:
                  submitters: [ci]
                  repositories: ["%s/%s"]
                  auto-sign-pushes: true
                  methods: [cosign, notary]
                  key: %s
                %s:
                  submitters: [ci]
                  repositories: ["%s/demo/*"]
                  auto-sign-pushes: true
                  methods: [cosign]
                  key: %s
                %s:
                  submitters: [ci]
                  repositories: ["%s/demo/*"]
                  methods: [cosign]
                  key: %s
                %s:
                  submitters: [ci]
                  repositories: ["%s/builds/*"]
                  methods: [cosign]
                  key: %s
        """
        .formatted(
            PROJECT,
            tokenSha256,
            POLICY,
            registry,
            StackDemo.REPOSITORY,
            KEY_ID,
            COSIGN_POLICY,
            registry,
            KEY_ID,
            RSA_POLICY,
            registry,
            RSA_KEY_ID,
            BUILDS_POLICY,
            registry,
            KEY_ID);
  }

  static String sha256Hex(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
