package dev.hallmark.policy.api;

import dev.hallmark.policy.model.PolicyCatalogue;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** Read access to the projects and their signing policies. Never shows credentials. */
@Controller("/api/v1/projects")
final class ProjectController {
  private final PolicyCatalogue catalogue;

  ProjectController(PolicyCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Every project with its policies, sorted by name. */
  @Get(produces = MediaType.APPLICATION_JSON)
  List<ProjectView> list() {
    return catalogue.projects().stream().map(ProjectView::of).toList();
  }
}
