package dev.hallmark.policy.api.admin;

import dev.hallmark.policy.api.admin.AdminViews.ChangeView;
import dev.hallmark.policy.api.admin.AdminViews.ProjectDocumentView;
import dev.hallmark.policy.config.ProjectDocuments;
import dev.hallmark.policy.store.InvalidProjectDocumentException;
import dev.hallmark.policy.store.PolicyStore;
import dev.hallmark.policy.store.ProjectRow;
import dev.hallmark.policy.store.ProjectSource;
import dev.hallmark.runtime.http.InvalidRequestException;
import dev.hallmark.runtime.http.Problem.FieldProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API's way into the store: checks names and the {@code If-Match} revision, turns store
 * problems into 400 answers naming the field, and edits parts of a project (a policy, a submitter,
 * an approver) by reading the whole document, changing the part and writing it back as a new
 * revision, against the revision it read so that no concurrent change is lost.
 */
@Singleton
final class ProjectEditor {
  private final PolicyStore store;

  ProjectEditor(PolicyStore store) {
    this.store = store;
  }

  ProjectDocumentView read(String project) {
    ProjectRow row = current(project);
    return new ProjectDocumentView(
        row.name(),
        row.revision(),
        row.source(),
        row.updatedAt(),
        row.updatedBy(),
        policyVersions(row),
        store.document(row));
  }

  /** The latest version of every policy the project has now. */
  Map<String, Integer> policyVersions(ProjectRow row) {
    Map<String, Object> policies = section(store.document(row), "policies");
    Map<String, Integer> versions = new LinkedHashMap<>(store.latestVersions(row.name()));
    versions.keySet().retainAll(policies.keySet());
    return versions;
  }

  ChangeView put(
      String project, Map<String, Object> document, String admin, @Nullable String ifMatch) {
    checkName(project, "project");
    Long expected = revision(ifMatch);
    try {
      return store
          .put(project, document, ProjectSource.API, admin, expected)
          .map(ChangeView::of)
          .orElseGet(() -> unchanged(project));
    } catch (InvalidProjectDocumentException e) {
      throw invalid(e.problems());
    }
  }

  ChangeView delete(String project, String admin, @Nullable String ifMatch) {
    checkName(project, "project");
    return ChangeView.of(store.delete(project, ProjectSource.API, admin, revision(ifMatch)));
  }

  /**
   * Changes one entry of a section ({@code policies}, {@code submitters}, {@code approvers}) of the
   * current document and writes the result.
   *
   * @param entry the new entry, or null to remove it
   */
  ChangeView edit(
      String project,
      String section,
      String name,
      @Nullable Map<String, Object> entry,
      String admin,
      @Nullable String ifMatch) {
    checkName(name, section.substring(0, section.length() - 1));
    ProjectRow row = current(project);
    Long expected = ifMatch == null ? row.revision() : revision(ifMatch);
    Map<String, Object> document = new LinkedHashMap<>(store.document(row));
    Map<String, Object> entries = new LinkedHashMap<>(section(document, section));
    if (entry == null && entries.remove(name) == null) {
      throw new HttpStatusException(
          HttpStatus.NOT_FOUND, project + " has no " + section + " entry named " + name);
    }
    if (entry != null) {
      entries.put(name, entry);
    }
    document.put(section, entries);
    return put(project, document, admin, String.valueOf(expected));
  }

  /** One entry of a section of the current document. */
  Map<String, Object> entry(String project, String section, String name) {
    Object entry = section(store.document(current(project)), section).get(name);
    if (!(entry instanceof Map<?, ?>)) {
      throw new HttpStatusException(
          HttpStatus.NOT_FOUND, project + " has no " + section + " entry named " + name);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) entry;
    return map;
  }

  Map<String, Object> section(String project, String section) {
    return section(store.document(current(project)), section);
  }

  ProjectRow current(String project) {
    return store
        .find(project)
        .orElseThrow(
            () -> new HttpStatusException(HttpStatus.NOT_FOUND, "no project named " + project));
  }

  private ChangeView unchanged(String project) {
    ProjectRow row = current(project);
    return new ChangeView(
        project,
        row.revision(),
        false,
        false,
        policyVersions(row),
        List.of(),
        row.updatedAt(),
        row.updatedBy());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> document, String section) {
    Object value = document.get(section);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static void checkName(String name, String field) {
    if (!ProjectDocuments.isValidName(name)) {
      throw new InvalidRequestException(
          List.of(
              FieldProblem.of(
                  field,
                  "'"
                      + name
                      + "' must be lower-case letters, digits, '-', '_' or '.', starting with a"
                      + " letter or digit")));
    }
  }

  /** {@code If-Match: 3} or {@code If-Match: "3"}: the revision the caller read. */
  @Nullable
  private static Long revision(@Nullable String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(ifMatch.trim().replace("\"", ""));
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          List.of(FieldProblem.of("If-Match", "must be a project revision number, as \"3\"")));
    }
  }

  /** {@code policies.release.methods: unknown method x} becomes a problem naming that field. */
  private static InvalidRequestException invalid(List<String> problems) {
    return new InvalidRequestException(
        problems.stream()
            .map(
                problem -> {
                  int colon = problem.indexOf(": ");
                  return colon < 0
                      ? FieldProblem.of("document", problem)
                      : FieldProblem.of(problem.substring(0, colon), problem.substring(colon + 2));
                })
            .toList());
  }
}
