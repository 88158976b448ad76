package dev.hallmark.policy.api.admin;

import dev.hallmark.policy.api.admin.AdminViews.ChangeView;
import dev.hallmark.policy.api.admin.AdminViews.PolicyView;
import dev.hallmark.policy.store.PolicyStore;
import dev.hallmark.policy.store.PolicyVersionRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.List;
import java.util.Map;

/**
 * A project's signing policies for administrators: list, read (the current version, or any earlier
 * one, so a decision's {@code policyVersion} can always be looked up), create or replace, delete. A
 * policy gets a new version only when its own block changes.
 */
@Controller("/api/v1/admin/projects/{project}/policies")
final class AdminPolicyController {
  private static final String SECTION = "policies";
  private final AdminAuthenticator admins;
  private final PolicyStore store;
  private final ProjectEditor editor;

  AdminPolicyController(AdminAuthenticator admins, PolicyStore store, ProjectEditor editor) {
    this.admins = admins;
    this.store = store;
    this.editor = editor;
  }

  /** The current version of every policy of the project. */
  @Get(produces = MediaType.APPLICATION_JSON)
  List<PolicyView> list(
      @PathVariable String project,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    return editor.policyVersions(editor.current(project)).entrySet().stream()
        .map(policy -> view(project, policy.getKey(), policy.getValue()))
        .toList();
  }

  @Get(value = "/{policy}", produces = MediaType.APPLICATION_JSON)
  PolicyView read(
      @PathVariable String project,
      @PathVariable String policy,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    Integer version = editor.policyVersions(editor.current(project)).get(policy);
    if (version == null) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, project + " has no policy " + policy);
    }
    return view(project, policy, version);
  }

  /** Every version of the policy, oldest first; also of a policy deleted since. */
  @Get(value = "/{policy}/versions", produces = MediaType.APPLICATION_JSON)
  List<PolicyView> versions(
      @PathVariable String project,
      @PathVariable String policy,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    List<PolicyView> versions = store.versionsOf(project, policy).stream().map(this::view).toList();
    if (versions.isEmpty()) {
      throw new HttpStatusException(
          HttpStatus.NOT_FOUND, project + " never had a policy " + policy);
    }
    return versions;
  }

  @Get(value = "/{policy}/versions/{version}", produces = MediaType.APPLICATION_JSON)
  PolicyView version(
      @PathVariable String project,
      @PathVariable String policy,
      @PathVariable int version,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    return view(project, policy, version);
  }

  @Put(
      value = "/{policy}",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  ChangeView put(
      @PathVariable String project,
      @PathVariable String policy,
      @Body Map<String, Object> block,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
    String admin = admins.authenticate(authorization);
    return editor.edit(project, SECTION, policy, block, admin, ifMatch);
  }

  @Delete(value = "/{policy}", produces = MediaType.APPLICATION_JSON)
  ChangeView delete(
      @PathVariable String project,
      @PathVariable String policy,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
    String admin = admins.authenticate(authorization);
    return editor.edit(project, SECTION, policy, null, admin, ifMatch);
  }

  private PolicyView view(String project, String policy, int version) {
    return store
        .version(project, policy, version)
        .map(this::view)
        .orElseThrow(
            () ->
                new HttpStatusException(
                    HttpStatus.NOT_FOUND, project + "/" + policy + " has no version " + version));
  }

  private PolicyView view(PolicyVersionRow row) {
    return new PolicyView(
        row.project(),
        row.policy(),
        row.version(),
        row.projectRevision(),
        row.createdAt(),
        row.createdBy(),
        store.document(row));
  }
}
