package dev.hallmark.policy.api;

import dev.hallmark.policy.model.ApprovalRule;
import dev.hallmark.policy.model.Approver;
import dev.hallmark.policy.model.ClaimPattern;
import dev.hallmark.policy.model.Glob;
import dev.hallmark.policy.model.OriginRule;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.Project;
import dev.hallmark.policy.model.SigningMethods;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project as {@code GET /api/v1/projects} shows it: names and rules, never token hashes.
 *
 * @param name project name
 * @param submitters names of the project's CI submitters
 * @param approvers the people who approve requests, sorted by name
 * @param policies its signing policies, sorted by name
 */
@Serdeable
record ProjectView(
    String name, List<String> submitters, List<ApproverView> approvers, List<PolicyView> policies) {

  static ProjectView of(Project project) {
    return new ProjectView(
        project.name(),
        List.copyOf(project.submitters()),
        project.approvers().values().stream().map(ApproverView::of).toList(),
        project.policies().values().stream().map(PolicyView::of).toList());
  }

  /**
   * @param name the approver's name
   * @param groups the approver groups they belong to
   */
  @Serdeable
  record ApproverView(String name, List<String> groups) {
    static ApproverView of(Approver approver) {
      return new ApproverView(approver.name(), List.copyOf(approver.groups()));
    }
  }

  /**
   * @param name policy name
   * @param version policy version (1 for policies from the configuration)
   * @param submitters CI submitters allowed to use it
   * @param repositories repository patterns over {@code <registry>/<repository>}
   * @param tags tag patterns
   * @param methods allowed signing methods, lower case
   * @param key signing key id in signer-service
   * @param autoSignPushes whether registry pushes are signed automatically
   * @param origin the origin rule; absent when the policy has none
   * @param approval the approval rule; absent when the policy signs without approvals
   */
  @Serdeable
  record PolicyView(
      String name,
      int version,
      List<String> submitters,
      List<String> repositories,
      List<String> tags,
      List<String> methods,
      String key,
      boolean autoSignPushes,
      @Nullable OriginView origin,
      @Nullable ApprovalRuleView approval) {

    static PolicyView of(Policy policy) {
      return new PolicyView(
          policy.name(),
          policy.version(),
          List.copyOf(policy.submitters()),
          policy.repositories().stream().map(Glob::pattern).toList(),
          policy.tags().stream().map(Glob::pattern).toList(),
          policy.methods().stream().map(SigningMethods::nameOf).toList(),
          policy.keyId(),
          policy.autoSignPushes(),
          policy.origin() == null ? null : OriginView.of(policy.origin()),
          policy.approval() == null ? null : ApprovalRuleView.of(policy.approval()));
    }
  }

  /**
   * @param required distinct approvals needed
   * @param group the approver group whose members may approve
   * @param expiresAfter how long a request waits before it is denied, e.g. {@code 24h}
   */
  @Serdeable
  record ApprovalRuleView(int required, String group, String expiresAfter) {
    static ApprovalRuleView of(ApprovalRule rule) {
      return new ApprovalRuleView(rule.required(), rule.group(), rule.expiresAfterText());
    }
  }

  /**
   * @param issuers the trusted identity-token issuers
   * @param claims per claim name, the accepted patterns
   * @param allowDeclared whether requests without a verified origin are approved
   */
  @Serdeable
  record OriginView(
      List<IssuerView> issuers, Map<String, List<String>> claims, boolean allowDeclared) {

    static OriginView of(OriginRule rule) {
      Map<String, List<String>> claims = new LinkedHashMap<>();
      rule.claims()
          .forEach(
              (name, patterns) ->
                  claims.put(name, patterns.stream().map(ClaimPattern::pattern).toList()));
      return new OriginView(
          rule.issuers().stream().map(IssuerView::of).toList(), claims, rule.allowDeclared());
    }
  }

  /**
   * @param issuer the tokens' {@code iss}
   * @param jwksUrl where the issuer's keys are fetched
   * @param audience the audience tokens must be issued for
   */
  @Serdeable
  record IssuerView(String issuer, String jwksUrl, String audience) {
    static IssuerView of(OriginRule.TrustedIssuer issuer) {
      return new IssuerView(issuer.issuer(), issuer.jwksUrl().toString(), issuer.audience());
    }
  }
}
