package dev.hallmark.intake.projects;

import dev.hallmark.events.CatalogueIssuer;
import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.ProjectCatalogued;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code ProjectCatalogued} record into a {@link CatalogueEntry}. policy-service checks
 * projects before it publishes them; intake checks again only what would make it unsafe or wrong to
 * use an entry: which project it is about, token hashes, issuer and key-set URLs (the same rule as
 * for the projects file), and policy names. A policy naming a submitter the project does not have
 * grants nothing and is accepted.
 */
final class CatalogueEntries {
  private CatalogueEntries() {}

  /**
   * @param key the record key, which the topic is compacted by
   * @throws UnusableCatalogueEntryException saying why
   */
  static CatalogueEntry from(String key, ProjectCatalogued event) {
    String name = event.getProject();
    if (key == null || !key.equals(name)) {
      throw UnusableCatalogueEntryException.ignored(
          "record key " + shown(key) + " is not the project it describes, " + shown(name));
    }
    String at = "project " + name + " revision " + event.getRevision() + ": ";
    if (event.getDeleted()) {
      return CatalogueEntry.removed(name, event.getRevision());
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    for (CatalogueSubmitter submitter : event.getSubmitters()) {
      if (!Project.isTokenHash(submitter.getTokenSha256())) {
        throw UnusableCatalogueEntryException.withdrawing(
            at
                + "submitters["
                + submitter.getName()
                + "].tokenSha256 is not 64 lower-case hex digits");
      }
      tokens.put(submitter.getTokenSha256(), submitter.getName());
    }
    Map<String, PolicySummary> policies = new LinkedHashMap<>();
    for (CataloguePolicy policy : event.getPolicies()) {
      if (policies.put(policy.getName(), policy(policy, at)) != null) {
        throw UnusableCatalogueEntryException.withdrawing(
            at + "policy " + policy.getName() + " is listed twice");
      }
    }
    return CatalogueEntry.of(new Project(name, tokens, policies), event.getRevision());
  }

  private static PolicySummary policy(CataloguePolicy policy, String at) {
    String field = at + "policies[" + policy.getName() + "].issuers";
    List<TrustedIssuer> issuers = new ArrayList<>();
    for (int i = 0; i < policy.getIssuers().size(); i++) {
      CatalogueIssuer issuer = policy.getIssuers().get(i);
      String each = field + "[" + i + "]";
      if (issuer.getAudience().isBlank()) {
        throw UnusableCatalogueEntryException.withdrawing(each + ".audience is empty");
      }
      issuers.add(
          new TrustedIssuer(
              url(issuer.getIssuer(), each + ".issuer").toString(),
              url(issuer.getJwksUrl(), each + ".jwksUrl"),
              issuer.getAudience()));
    }
    return new PolicySummary(
        policy.getName(),
        new LinkedHashSet<>(policy.getSubmitters()),
        policy.getRepositories().stream().map(RepositoryPattern::of).toList(),
        policy.getAutoSignPushes(),
        issuers,
        policy.getRequiresVerifiedOrigin());
  }

  /** Names from a record that may be garbage are shown in reasons, but not without bound. */
  private static String shown(String value) {
    return value == null || value.length() <= 200 ? value : value.substring(0, 200) + "…";
  }

  private static URI url(String value, String field) {
    return TrustedIssuer.url(value)
        .orElseThrow(
            () ->
                UnusableCatalogueEntryException.withdrawing(field + " " + TrustedIssuer.URL_RULE));
  }
}
