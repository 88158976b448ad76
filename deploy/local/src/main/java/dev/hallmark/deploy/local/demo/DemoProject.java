package dev.hallmark.deploy.local.demo;

import dev.hallmark.deploy.local.infrastructure.Secrets;
import dev.hallmark.deploy.local.stack.StackLayout;
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
 * <registry>/demo/*} with an RSA key, {@code builds} signs CI requests for {@code
 * <registry>/builds/*}, which pushes do not trigger, and {@code release} signs CI requests for
 * {@code <registry>/demo/*} once two approvers of group {@code release} ({@code alice} and {@code
 * bob}) approved them. intake-service and policy-service read the same file ({@code
 * MICRONAUT_CONFIG_FILES}); only the hashes of the CI and approver tokens are in it.
 *
 * <p>intake-service signs a push by the auto-signing policy that covers the repository most
 * specifically: {@code default} ({@code demo/app}) wins over {@code cosign} ({@code demo/*}) for
 * {@code demo/app}.
 */
public final class DemoProject {
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

  /**
   * A policy for CI requests that two people must approve: {@code <registry>/demo/*}, cosign, the
   * demo key; it never signs pushes (the auto-signing {@code cosign} policy does).
   */
  static final String APPROVAL_POLICY = "release";

  /** The approver group the approval policy names, and the demo approvers in it. */
  static final String APPROVER_GROUP = "release";

  static final String APPROVER = "alice";
  static final String SECOND_APPROVER = "bob";

  /** Two approvals, within a day. */
  static final int REQUIRED_APPROVALS = 2;

  static final String APPROVAL_EXPIRY = "24h";

  private DemoProject() {}

  /**
   * The demo's bearer tokens, each created once and kept in {@code secrets/}.
   *
   * @param ci the CI submitter {@code ci}'s
   * @param approver {@value #APPROVER}'s
   * @param secondApprover {@value #SECOND_APPROVER}'s
   */
  record Tokens(String ci, String approver, String secondApprover) {
    /** Keeps the tokens out of logs. */
    @Override
    public String toString() {
      return "Tokens[...]";
    }
  }

  /**
   * Writes {@code config/projects.yml} for the registry the stack runs; only the tokens' SHA-256
   * hashes are in it.
   *
   * @return the demo tokens (created once, kept in {@code secrets/ci-token} and {@code
   *     secrets/approver-<name>-token})
   */
  static Tokens write(StackLayout layout, String registry) {
    Tokens tokens =
        new Tokens(
            Secrets.readOrCreate(layout.ciTokenFile()),
            Secrets.readOrCreate(layout.approverTokenFile(APPROVER)),
            Secrets.readOrCreate(layout.approverTokenFile(SECOND_APPROVER)));
    Secrets.writeOwnerOnly(
        layout.projectsFile(),
        render(
            registry,
            sha256Hex(tokens.ci()),
            sha256Hex(tokens.approver()),
            sha256Hex(tokens.secondApprover())));
    return tokens;
  }

  public static String render(
      String registry, String ciTokenSha256, String approverSha256, String secondApproverSha256) {
    return """
        # Written by deploy/local/stack up: the demo project (policy as code).
        hallmark:
          projects:
            %s:
              submitters:
                ci:
                  token-sha256: "%s"
              approvers:
                %s:
                  token-sha256: "%s"
                  groups: [%s]
                %s:
                  token-sha256: "%s"
                  groups: [%s]
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
                %s:
                  submitters: [ci]
                  repositories: ["%s/demo/*"]
                  methods: [cosign]
                  key: %s
                  approval:
                    required: %d
                    group: %s
                    expires-after: %s
        """
        .formatted(
            PROJECT,
            ciTokenSha256,
            APPROVER,
            approverSha256,
            APPROVER_GROUP,
            SECOND_APPROVER,
            secondApproverSha256,
            APPROVER_GROUP,
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
            KEY_ID,
            APPROVAL_POLICY,
            registry,
            KEY_ID,
            REQUIRED_APPROVALS,
            APPROVER_GROUP,
            APPROVAL_EXPIRY);
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
