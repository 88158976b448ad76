package dev.hallmark.intake.api;

import dev.hallmark.intake.projects.PolicySummary;
import dev.hallmark.intake.projects.Project;
import dev.hallmark.intake.projects.ProjectDirectory;
import dev.hallmark.intake.projects.ProjectDirectory.CiSubmitter;
import dev.hallmark.intake.request.NewSigningRequest;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem.FieldProblem;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Early checks of a CI submission against the project directory, so that a client learns of an
 * unknown project or policy at once. policy-service still makes the binding decision.
 */
@Singleton
final class SubmissionAccess {
  private final ProjectDirectory projects;

  SubmissionAccess(ProjectDirectory projects) {
    this.projects = projects;
  }

  /**
   * @return the policy the request names, which the submitter may use
   */
  PolicySummary check(CiSubmitter submitter, NewSigningRequest request) {
    Project project =
        projects
            .project(request.project())
            .orElseThrow(() -> invalid("project", "unknown project " + request.project()));
    if (!project.name().equals(submitter.project())) {
      throw new HttpStatusException(
          HttpStatus.FORBIDDEN,
          "this CI token belongs to project " + submitter.project() + ", not " + project.name());
    }
    PolicySummary policy =
        project
            .policy(request.signingPolicy())
            .orElseThrow(
                () ->
                    invalid(
                        "signingPolicy",
                        "project "
                            + project.name()
                            + " has no signing policy "
                            + request.signingPolicy()));
    if (!policy.submitters().contains(submitter.name())) {
      throw new HttpStatusException(
          HttpStatus.FORBIDDEN,
          "submitter " + submitter.name() + " may not use signing policy " + policy.name());
    }
    return policy;
  }

  private static InvalidRequestException invalid(String field, String detail) {
    return new InvalidRequestException(List.of(FieldProblem.of(field, detail)));
  }
}
