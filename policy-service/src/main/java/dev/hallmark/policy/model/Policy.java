package dev.hallmark.policy.model;

import dev.hallmark.events.SigningMethod;
import io.micronaut.core.annotation.Nullable;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A signing policy of a project: who may ask for signatures, of which images, built where, in which
 * formats, and with which key. Where policies come from (configuration now, the database later) is
 * the business of a {@link PolicyCatalogue}; what they allow is decided by {@code PolicyEvaluator}.
 *
 * @param project name of the project the policy belongs to
 * @param name name of the policy within its project
 * @param version version of the policy; a changed policy gets a higher version, so that a decision
 *     names exactly the rules it applied
 * @param submitters names of the CI submitters (tokens) that may use the policy
 * @param repositories patterns over {@code <registry>/<repository>}; every image must match one
 * @param tags patterns over tags; every tag of every image must match one
 * @param autoSignPushes whether registry webhook pushes to covered repositories are signed
 * @param methods signature formats the policy allows, in the order they were configured
 * @param keyId id of the signing key in signer-service
 * @param origin what the policy requires of the build origin; null: any origin, declared or
 *     verified, or none
 * @param approval how many people must approve a request before it is signed; null: none, a request
 *     that passes the other rules is approved at once
 */
public record Policy(
    String project,
    String name,
    int version,
    Set<String> submitters,
    List<Glob> repositories,
    List<Glob> tags,
    boolean autoSignPushes,
    List<SigningMethod> methods,
    String keyId,
    @Nullable OriginRule origin,
    @Nullable ApprovalRule approval) {

  public Policy {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyId, "keyId");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    if (repositories.isEmpty()) {
      throw new IllegalArgumentException("a policy must cover at least one repository");
    }
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("a policy must allow at least one tag pattern");
    }
    if (methods.isEmpty() || methods.contains(SigningMethod.UNKNOWN)) {
      throw new IllegalArgumentException("a policy must allow known methods, was " + methods);
    }
    submitters = Collections.unmodifiableSet(new TreeSet<>(submitters));
    repositories = List.copyOf(repositories);
    tags = List.copyOf(tags);
    methods = methods.stream().distinct().toList();
  }

  /** {@code <project>/<policy>}, how decisions and people name a policy. */
  public String qualifiedName() {
    return project + "/" + name;
  }

  public boolean allowsSubmitter(String submitter) {
    return submitters.contains(submitter);
  }

  /**
   * @param repository {@code <registry>/<repository>}, e.g. {@code registry.example:5000/team/app}
   */
  public boolean coversRepository(String repository) {
    return repositories.stream().anyMatch(glob -> glob.matches(repository));
  }

  public boolean allowsTag(String tag) {
    return tags.stream().anyMatch(glob -> glob.matches(tag));
  }

  public boolean allowsMethod(SigningMethod method) {
    return methods.contains(method);
  }

  public boolean requiresApproval() {
    return approval != null;
  }

  /** The same rules under another version number, as a policy store assigns them. */
  public Policy withVersion(int newVersion) {
    return new Policy(
        project,
        name,
        newVersion,
        submitters,
        repositories,
        tags,
        autoSignPushes,
        methods,
        keyId,
        origin,
        approval);
  }
}
