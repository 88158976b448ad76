package dev.hallmark.policy.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.List;
import java.util.Map;

/**
 * One project, {@code hallmark.projects.<project>}: its CI submitters and its signing policies.
 *
 * <p>The same file is read by intake-service (tokens, project and policy names, auto-sign
 * patterns); deployments pass it as an extra configuration file ({@code
 * MICRONAUT_CONFIG_FILES=/path/projects.yml}). Shape and rules: {@code policy-service/README.md}.
 * Every value is checked by {@link ConfiguredPolicyCatalogue} when the service starts, rather than
 * by Bean Validation annotations here: its messages name the full key ({@code
 * hallmark.projects.demo.policies.default.methods}), where Bean Validation names only the class and
 * field, and most rules span keys (a policy naming an unknown submitter).
 */
@EachProperty(ProjectProperties.PREFIX)
public final class ProjectProperties {
  public static final String PREFIX = "hallmark.projects";

  private final String name;
  private List<SubmitterProperties> submitters = List.of();
  private List<ApproverProperties> approvers = List.of();
  private List<PolicyProperties> policies = List.of();

  ProjectProperties(@Parameter String name) {
    this.name = name;
  }

  /** The project name: the key below {@code hallmark.projects}. */
  public String getName() {
    return name;
  }

  public List<SubmitterProperties> getSubmitters() {
    return submitters;
  }

  /**
   * {@code hallmark.projects.<project>.submitters}: the project's CI submitters by name.
   *
   * @param submitters bound by the framework
   */
  public void setSubmitters(List<SubmitterProperties> submitters) {
    this.submitters = List.copyOf(submitters);
  }

  public List<ApproverProperties> getApprovers() {
    return approvers;
  }

  /**
   * {@code hallmark.projects.<project>.approvers}: the people who may approve the project's
   * requests, by name.
   *
   * @param approvers bound by the framework
   */
  public void setApprovers(List<ApproverProperties> approvers) {
    this.approvers = List.copyOf(approvers);
  }

  public List<PolicyProperties> getPolicies() {
    return policies;
  }

  /**
   * {@code hallmark.projects.<project>.policies}: the project's signing policies by name.
   *
   * @param policies bound by the framework
   */
  public void setPolicies(List<PolicyProperties> policies) {
    this.policies = List.copyOf(policies);
  }

  /** A CI submitter (a CI user and its bearer token), {@code ...submitters.<submitter>}. */
  @EachProperty("submitters")
  public static final class SubmitterProperties {
    private final String name;
    @Nullable private String tokenSha256;

    SubmitterProperties(@Parameter String name) {
      this.name = name;
    }

    /** The submitter name: the key below {@code submitters}; policies list it. */
    public String getName() {
      return name;
    }

    /**
     * {@code ...submitters.<submitter>.token-sha256}: hex SHA-256 of the submitter's bearer token
     * (read by intake-service, which authenticates with it; policy-service checks its format only,
     * so that both refuse the same broken file, and never exposes it).
     *
     * @param tokenSha256 64 lower-case hex digits
     */
    public void setTokenSha256(@Nullable String tokenSha256) {
      this.tokenSha256 = tokenSha256;
    }

    /** For the format check only; deliberately not a bean property. */
    @Nullable
    String tokenSha256() {
      return tokenSha256;
    }

    @Override
    public String toString() {
      return "SubmitterProperties[" + name + "]";
    }
  }

  /** An approver, {@code ...approvers.<approver>}: a person, their token and their groups. */
  @EachProperty("approvers")
  public static final class ApproverProperties {
    private final String name;
    @Nullable private String tokenSha256;
    private List<String> groups = List.of();

    ApproverProperties(@Parameter String name) {
      this.name = name;
    }

    /** The approver's name: the key below {@code approvers}. */
    public String getName() {
      return name;
    }

    /**
     * {@code ...approvers.<approver>.token-sha256}: hex SHA-256 of the approver's bearer token.
     *
     * @param tokenSha256 64 lower-case hex digits
     */
    public void setTokenSha256(@Nullable String tokenSha256) {
      this.tokenSha256 = tokenSha256;
    }

    /** Deliberately not a bean property, like the submitters' hash. */
    @Nullable
    String tokenSha256() {
      return tokenSha256;
    }

    public List<String> getGroups() {
      return groups;
    }

    /**
     * {@code ...approvers.<approver>.groups}: the approver groups the person belongs to.
     *
     * @param groups group names that policies' {@code approval.group} name
     */
    public void setGroups(List<String> groups) {
      this.groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
      return "ApproverProperties[" + name + "]";
    }
  }

  /** A signing policy, {@code hallmark.projects.<project>.policies.<policy>}. */
  @EachProperty("policies")
  public static final class PolicyProperties {
    private final String name;
    private List<String> submitters = List.of();
    private List<String> repositories = List.of();
    private List<String> tags = List.of("*");
    private boolean autoSignPushes;
    private List<String> methods = List.of();
    private String key;
    @Nullable private Map<String, Object> origin;
    @Nullable private Map<String, Object> approval;

    PolicyProperties(@Parameter String name) {
      this.name = name;
    }

    /** The policy name: the key below {@code policies}; requests name it. */
    public String getName() {
      return name;
    }

    public List<String> getSubmitters() {
      return submitters;
    }

    /**
     * {@code ...policies.<policy>.submitters}: names of the project's CI submitters allowed to use
     * this policy; default none (then only registry pushes, with {@code auto-sign-pushes}).
     *
     * @param submitters names from {@code hallmark.projects.<project>.submitters}
     */
    public void setSubmitters(List<String> submitters) {
      this.submitters = List.copyOf(submitters);
    }

    public List<String> getRepositories() {
      return repositories;
    }

    /**
     * {@code ...policies.<policy>.repositories}: required; patterns over {@code
     * <registry>/<repository>} the policy covers, e.g. {@code registry.example:5000/team/*}. {@code
     * *} matches within one path segment, {@code **} at any depth.
     *
     * @param repositories at least one pattern
     */
    public void setRepositories(List<String> repositories) {
      this.repositories = List.copyOf(repositories);
    }

    public List<String> getTags() {
      return tags;
    }

    /**
     * {@code ...policies.<policy>.tags}: patterns every tag of a signed image must match; default
     * {@code ["*"]}, any tag. Same wildcards as repositories.
     *
     * @param tags at least one pattern
     */
    public void setTags(List<String> tags) {
      this.tags = List.copyOf(tags);
    }

    public boolean isAutoSignPushes() {
      return autoSignPushes;
    }

    /**
     * {@code ...policies.<policy>.auto-sign-pushes}: whether registry webhook pushes to covered
     * repositories are signed without a CI request; default false.
     *
     * @param autoSignPushes true to sign pushes
     */
    public void setAutoSignPushes(boolean autoSignPushes) {
      this.autoSignPushes = autoSignPushes;
    }

    public List<String> getMethods() {
      return methods;
    }

    /**
     * {@code ...policies.<policy>.methods}: required; signature formats the policy allows: {@code
     * cosign}, {@code notary}, {@code notation} (cosign and notary are produced; requests for
     * notation are denied).
     *
     * @param methods at least one method
     */
    public void setMethods(List<String> methods) {
      this.methods = List.copyOf(methods);
    }

    public String getKey() {
      return key;
    }

    /**
     * {@code ...policies.<policy>.key}: required; id of the signing key in signer-service that
     * approved requests are signed with.
     *
     * @param key a key id
     */
    public void setKey(String key) {
      this.key = key;
    }

    @Nullable
    public Map<String, Object> getOrigin() {
      return origin;
    }

    /**
     * {@code ...policies.<policy>.origin}: optional; the identity-token issuers the policy trusts
     * ({@code issuers}: {@code issuer}, {@code jwks-url}, {@code audience}), the claim rules
     * ({@code claims}: claim name to patterns) and {@code allow-declared}. Kept as the raw tree and
     * checked by {@link OriginRules}, which names every bad key (a list of maps has no bean form
     * with per-key messages). Keys are taken as written ({@code RAW}): claim names such as {@code
     * job_workflow_ref} must keep their underscores, which the default binding turns into hyphens.
     *
     * @param origin the {@code origin} block
     */
    public void setOrigin(
        @Nullable @MapFormat(keyFormat = StringConvention.RAW) Map<String, Object> origin) {
      this.origin = origin;
    }

    @Nullable
    public Map<String, Object> getApproval() {
      return approval;
    }

    /**
     * {@code ...policies.<policy>.approval}: optional; {@code required} (distinct approvals),
     * {@code group} (an approver group of the project) and {@code expires-after} (how long a
     * request waits, default 24h). Checked by {@link ApprovalRules}.
     *
     * @param approval the {@code approval} block
     */
    public void setApproval(@Nullable Map<String, Object> approval) {
      this.approval = approval;
    }
  }
}
