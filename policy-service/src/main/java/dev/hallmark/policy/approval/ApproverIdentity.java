package dev.hallmark.policy.approval;

import dev.hallmark.policy.model.Approver;
import java.util.Map;
import java.util.Optional;

/**
 * Who presented an approver token: per project, the approver it belongs to there (one token may be
 * configured in several projects). Never the token.
 *
 * @param byProject the projects the token is an approver token of, each with its approver
 */
public record ApproverIdentity(Map<String, Approver> byProject) {
  public ApproverIdentity {
    byProject = Map.copyOf(byProject);
  }

  /** The approver in a project; empty when the token is none of that project's. */
  public Optional<Approver> in(String project) {
    return Optional.ofNullable(byProject.get(project));
  }
}
