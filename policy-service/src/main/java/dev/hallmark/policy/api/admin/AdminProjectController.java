package dev.hallmark.policy.api.admin;

import dev.hallmark.policy.api.admin.AdminViews.ChangeView;
import dev.hallmark.policy.api.admin.AdminViews.ProjectDocumentView;
import dev.hallmark.policy.api.admin.AdminViews.ProjectSummary;
import dev.hallmark.policy.store.PolicyStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import java.util.List;
import java.util.Map;

/**
 * Projects for administrators: list, read, create or replace (a whole document, the shape of the
 * policy-as-code file below {@code hallmark.projects.<project>}), delete. Each change is a new
 * revision, takes effect at the next decision of every instance, and is published on {@code
 * hallmark.projects.v1} (so intake-service and the audit log see it). Send {@code If-Match:
 * <revision>} to change only the revision you read.
 */
@Controller("/api/v1/admin/projects")
final class AdminProjectController {
  private final AdminAuthenticator admins;
  private final PolicyStore store;
  private final ProjectEditor editor;

  AdminProjectController(AdminAuthenticator admins, PolicyStore store, ProjectEditor editor) {
    this.admins = admins;
    this.store = store;
    this.editor = editor;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  List<ProjectSummary> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    return store.all().stream()
        .filter(row -> !row.deleted())
        .map(
            row ->
                new ProjectSummary(
                    row.name(),
                    row.revision(),
                    row.source(),
                    row.updatedAt(),
                    row.updatedBy(),
                    editor.policyVersions(row)))
        .toList();
  }

  @Get(value = "/{project}", produces = MediaType.APPLICATION_JSON)
  HttpResponse<ProjectDocumentView> read(
      @PathVariable String project,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    ProjectDocumentView view = editor.read(project);
    return HttpResponse.ok(view).header(HttpHeaders.ETAG, "\"" + view.revision() + "\"");
  }

  /** 201 when the project is new, 200 when replaced or already so ({@code changed} says). */
  @Put(
      value = "/{project}",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  HttpResponse<ChangeView> put(
      @PathVariable String project,
      @Body Map<String, Object> document,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
    String admin = admins.authenticate(authorization);
    ChangeView change = editor.put(project, document, admin, ifMatch);
    return (change.changed() && change.revision() == 1
            ? HttpResponse.created(change)
            : HttpResponse.ok(change))
        .header(HttpHeaders.ETAG, "\"" + change.revision() + "\"");
  }

  @Delete(value = "/{project}", produces = MediaType.APPLICATION_JSON)
  ChangeView delete(
      @PathVariable String project,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
    String admin = admins.authenticate(authorization);
    return editor.delete(project, admin, ifMatch);
  }
}
