package dev.hallmark.policy.api.admin;

import dev.hallmark.policy.api.admin.AdminViews.ChangeView;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A project's CI submitters and approvers for administrators. An entry is {@code
 * {"token-sha256":"<hex>"}} for a submitter and {@code {"token-sha256":"<hex>","groups":[…]}} for
 * an approver: the service is given the hash of a token, never the token. Reads list names (and
 * groups), not hashes.
 */
@Controller("/api/v1/admin/projects/{project}/{section:submitters|approvers}")
final class AdminMemberController {
  private static final Set<String> SECTIONS = Set.of("submitters", "approvers");
  private final AdminAuthenticator admins;
  private final ProjectEditor editor;

  AdminMemberController(AdminAuthenticator admins, ProjectEditor editor) {
    this.admins = admins;
    this.editor = editor;
  }

  /** Names, each with its groups (approvers) or none (submitters). */
  @Get(produces = MediaType.APPLICATION_JSON)
  Map<String, Object> list(
      @PathVariable String project,
      @PathVariable String section,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    Map<String, Object> names = new TreeMap<>();
    editor
        .section(project, checked(section))
        .forEach((name, entry) -> names.put(name, withoutHash(entry)));
    return names;
  }

  @Get(value = "/{name}", produces = MediaType.APPLICATION_JSON)
  Map<String, Object> read(
      @PathVariable String project,
      @PathVariable String section,
      @PathVariable String name,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
    admins.authenticate(authorization);
    return withoutHash(editor.entry(project, checked(section), name));
  }

  @Put(
      value = "/{name}",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  ChangeView put(
      @PathVariable String project,
      @PathVariable String section,
      @PathVariable String name,
      @Body Map<String, Object> entry,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
    String admin = admins.authenticate(authorization);
    return editor.edit(project, checked(section), name, entry, admin, ifMatch);
  }

  @Delete(value = "/{name}", produces = MediaType.APPLICATION_JSON)
  ChangeView delete(
      @PathVariable String project,
      @PathVariable String section,
      @PathVariable String name,
      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
    String admin = admins.authenticate(authorization);
    return editor.edit(project, checked(section), name, null, admin, ifMatch);
  }

  private static String checked(String section) {
    if (!SECTIONS.contains(section)) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such collection " + section);
    }
    return section;
  }

  private static Map<String, Object> withoutHash(Object entry) {
    Map<String, Object> shown = new TreeMap<>();
    if (entry instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (!"token-sha256".equals(key)) {
              shown.put(String.valueOf(key), value);
            }
          });
    }
    return shown;
  }
}
