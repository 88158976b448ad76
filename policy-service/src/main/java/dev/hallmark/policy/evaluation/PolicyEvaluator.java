package dev.hallmark.policy.evaluation;

import dev.hallmark.events.ImageRef;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import dev.hallmark.policy.model.Policy;
import dev.hallmark.policy.model.PolicyCatalogue;
import dev.hallmark.policy.model.Project;
import dev.hallmark.policy.model.SigningMethods;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Decides a signing request by its project's signing policy. The rules, in the order they are
 * checked; the first that fails denies the request and its reason names it:
 *
 * <ol>
 *   <li>the project and the policy are configured;
 *   <li>the submitter may use the policy: a CI submitter ({@code CI_TOKEN}) must be one of the
 *       policy's {@code submitters}; a registry webhook push ({@code REGISTRY_WEBHOOK}) needs
 *       {@code auto-sign-pushes}; other kinds are not supported yet;
 *   <li>the request names at least one image, and every image's {@code <registry>/<repository>}
 *       matches one of the policy's repository patterns;
 *   <li>every tag of every image matches one of the policy's tag patterns;
 *   <li>every requested method (none requested: every method of the policy) is allowed by the
 *       policy, and is one signer-service supports ({@link SigningMethods#SUPPORTED});
 *   <li>a policy with an {@code origin} rule gets a verified origin from one of its issuers whose
 *       claims match the rule's patterns, unless it allows declared origins ({@link OriginCheck}).
 * </ol>
 *
 * <p>A request that passes every rule is approved, unless its policy has an {@code approval} rule:
 * then it is {@code PENDING_APPROVAL} and the policy's approvers decide ({@code approval} package).
 *
 * <p>Pure: no I/O besides looking the policy up in the {@link PolicyCatalogue}.
 */
@Singleton
public class PolicyEvaluator {
  private final PolicyCatalogue catalogue;

  public PolicyEvaluator(PolicyCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  public Decision evaluate(SigningRequested request) {
    Optional<Project> project = catalogue.project(request.getProject());
    if (project.isEmpty()) {
      return Decision.denied(null, "project " + request.getProject() + " is not configured");
    }
    Optional<Policy> found = project.get().policy(request.getSigningPolicy());
    if (found.isEmpty()) {
      return Decision.denied(
          null,
          "policy "
              + request.getProject()
              + "/"
              + request.getSigningPolicy()
              + " is not configured");
    }
    Policy policy = found.get();
    List<SigningMethod> methods =
        request.getMethods().isEmpty()
            ? policy.methods()
            : request.getMethods().stream().distinct().toList();
    return submitterFailure(policy, request.getSubmitter())
        .or(() -> repositoryFailure(policy, request.getImages()))
        .or(() -> tagFailure(policy, request.getImages()))
        .or(() -> methodFailure(policy, methods))
        .or(() -> OriginCheck.failure(policy, request.getOrigin()))
        .map(reason -> Decision.denied(policy, reason))
        .orElseGet(
            () ->
                policy.requiresApproval()
                    ? Decision.pendingApproval(policy, methods)
                    : Decision.approved(policy, methods));
  }

  private static Optional<String> submitterFailure(Policy policy, Submitter submitter) {
    return switch (submitter.getKind()) {
      case CI_TOKEN ->
          policy.allowsSubmitter(submitter.getName())
              ? Optional.empty()
              : Optional.of(
                  "submitter "
                      + submitter.getName()
                      + " is not allowed to use policy "
                      + policy.qualifiedName());
      case REGISTRY_WEBHOOK ->
          policy.autoSignPushes()
              ? Optional.empty()
              : Optional.of(
                  "registry pushes are not signed automatically by policy "
                      + policy.qualifiedName()
                      + " (auto-sign-pushes is off)");
      default -> Optional.of("submitter kind " + submitter.getKind() + " is not supported yet");
    };
  }

  private static Optional<String> repositoryFailure(Policy policy, List<ImageRef> images) {
    if (images.isEmpty()) {
      return Optional.of("the request names no images");
    }
    return images.stream()
        .map(PolicyEvaluator::repositoryOf)
        .filter(repository -> !policy.coversRepository(repository))
        .findFirst()
        .map(
            repository ->
                "repository " + repository + " is not covered by policy " + policy.qualifiedName());
  }

  private static Optional<String> tagFailure(Policy policy, List<ImageRef> images) {
    for (ImageRef image : images) {
      for (String tag : image.getTags()) {
        if (!policy.allowsTag(tag)) {
          return Optional.of(
              "tag "
                  + tag
                  + " of "
                  + repositoryOf(image)
                  + " is not allowed by policy "
                  + policy.qualifiedName());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> methodFailure(Policy policy, List<SigningMethod> methods) {
    for (SigningMethod method : methods) {
      if (!policy.allowsMethod(method)) {
        return Optional.of(
            "method "
                + SigningMethods.nameOf(method)
                + " is not allowed by policy "
                + policy.qualifiedName());
      }
    }
    return methods.stream()
        .filter(method -> !SigningMethods.SUPPORTED.contains(method))
        .findFirst()
        .map(method -> "method " + SigningMethods.nameOf(method) + " is not supported yet");
  }

  /** {@code <registry>/<repository>}, what repository patterns are matched against. */
  static String repositoryOf(ImageRef image) {
    return image.getRegistry() + "/" + image.getRepository();
  }
}
