package dev.hallmark.schemas.topics;

import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.PublicationFailed;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningRequested;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The topic catalogue. Every topic has exactly one writer; events are keyed so that everything
 * about one request, or one image digest, lands in one partition in order. Consumer group ids are
 * in {@link ConsumerGroups}. Documented in {@code docs/events.md}.
 */
public final class Topics {

  /**
   * Topic names as compile-time constants, for annotations such as {@code @Topic}. The {@link
   * TopicSpec} constants below use them; {@code TopicsTest} checks that the two agree.
   */
  public static final class Names {
    public static final String SIGNING_REQUESTS = "hallmark.signing-requests.v1";
    public static final String POLICY_DECISIONS = "hallmark.policy-decisions.v1";
    public static final String SIGNATURES = "hallmark.signatures.v1";
    public static final String PUBLICATIONS = "hallmark.publications.v1";
    public static final String AUDIT = "hallmark.audit.v1";
    public static final String PROJECTS = "hallmark.projects.v1";

    private Names() {}
  }

  /** Key of topics keyed by image: {@link #imageKey(ImageRef)}. */
  public static final String IMAGE_KEY = "<registry>/<repository>@<digest>";

  /** Key of the audit topic when a record belongs to no request. */
  public static final String NO_REQUEST_KEY = "-";

  public static final TopicSpec SIGNING_REQUESTS =
      new TopicSpec(
          Names.SIGNING_REQUESTS,
          "requestId",
          Services.INTAKE,
          List.of(Services.POLICY, Services.AUDIT),
          6,
          List.of(SigningRequested.class),
          "Signing requests accepted from CI and registry webhooks, tags resolved to digests.");

  public static final TopicSpec POLICY_DECISIONS =
      new TopicSpec(
          Names.POLICY_DECISIONS,
          "requestId",
          Services.POLICY,
          List.of(Services.SIGNER, Services.INTAKE, Services.AUDIT),
          6,
          List.of(PolicyDecision.class),
          "Policy decisions on signing requests, authenticated by policy-service.");

  public static final TopicSpec SIGNATURES =
      new TopicSpec(
          Names.SIGNATURES,
          IMAGE_KEY + "; requestId for DecisionRejected",
          Services.SIGNER,
          List.of(Services.REGISTRY_PUBLISHER, Services.INTAKE, Services.AUDIT),
          6,
          List.of(SignatureCreated.class, SigningFailed.class, DecisionRejected.class),
          "Signatures created by signer-service, one event per image, method and key; or why an"
              + " approved image could not be signed; or why a decision was refused as not"
              + " authenticated by policy-service.");

  public static final TopicSpec PUBLICATIONS =
      new TopicSpec(
          Names.PUBLICATIONS,
          IMAGE_KEY,
          Services.REGISTRY_PUBLISHER,
          List.of(Services.INTAKE, Services.AUDIT),
          6,
          List.of(SignaturePublished.class, PublicationFailed.class),
          "Outcomes of publishing signatures to registries and Notary servers.");

  public static final TopicSpec AUDIT =
      new TopicSpec(
          Names.AUDIT,
          "requestId, or \"" + NO_REQUEST_KEY + "\" when none",
          Services.AUDIT,
          List.of(Services.OPERATORS),
          1,
          List.of(AuditRecord.class, AuditCheckpoint.class),
          "The audit ledger in sequence order, and its signed checkpoints; one partition keeps one"
              + " global order.");

  /**
   * The project catalogue: compacted, so the latest entry of every project is kept for good and a
   * reader that reads it from the beginning knows every project. One partition: it is small, and
   * one partition is one order of all changes.
   */
  public static final TopicSpec PROJECTS =
      new TopicSpec(
          Names.PROJECTS,
          "project name",
          Services.POLICY,
          List.of(Services.INTAKE, Services.AUDIT),
          1,
          List.of(ProjectCatalogued.class),
          "The project catalogue: each project's CI submitters (token hashes) and signing"
              + " policies at its latest revision, or that it was removed.",
          CleanupPolicy.COMPACT);

  public static final TopicSpec DEAD_LETTER_INTAKE = deadLetter(Services.INTAKE);
  public static final TopicSpec DEAD_LETTER_POLICY = deadLetter(Services.POLICY);
  public static final TopicSpec DEAD_LETTER_SIGNER = deadLetter(Services.SIGNER);
  public static final TopicSpec DEAD_LETTER_REGISTRY_PUBLISHER =
      deadLetter(Services.REGISTRY_PUBLISHER);
  public static final TopicSpec DEAD_LETTER_AUDIT = deadLetter(Services.AUDIT);

  /** Dead-letter topics, one per consuming service. Immutable. */
  public static final List<TopicSpec> DEAD_LETTER =
      List.of(
          DEAD_LETTER_INTAKE,
          DEAD_LETTER_POLICY,
          DEAD_LETTER_SIGNER,
          DEAD_LETTER_REGISTRY_PUBLISHER,
          DEAD_LETTER_AUDIT);

  /** Every topic, event topics first. Immutable. */
  public static final List<TopicSpec> ALL =
      Stream.concat(
              Stream.of(
                  SIGNING_REQUESTS, POLICY_DECISIONS, SIGNATURES, PUBLICATIONS, AUDIT, PROJECTS),
              DEAD_LETTER.stream())
          .toList();

  private Topics() {}

  /**
   * The topics a service writes or reads: the ones it owns (including its dead-letter topic) and
   * the ones that list it as a consumer. A service creates these at start.
   */
  public static List<TopicSpec> usedBy(String service) {
    return ALL.stream()
        .filter(topic -> topic.owner().equals(service) || topic.consumers().contains(service))
        .toList();
  }

  /**
   * The dead-letter topic of a consuming service, {@code hallmark.dead-letter.<service>.v1}.
   *
   * @throws IllegalArgumentException if {@code service} is not one of {@link Services#ALL}
   */
  public static TopicSpec deadLetterFor(String service) {
    return DEAD_LETTER.stream()
        .filter(topic -> topic.owner().equals(service))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No dead-letter topic for '" + service + "'; services are " + Services.ALL));
  }

  /** Record key of image-keyed topics: {@code <registry>/<repository>@<digest>}. */
  public static String imageKey(ImageRef image) {
    return image.getRegistry() + "/" + image.getRepository() + "@" + image.getDigest();
  }

  /** Record key of the audit topic: the request id, or {@value #NO_REQUEST_KEY} when none. */
  public static String auditKey(UUID requestId) {
    return requestId == null ? NO_REQUEST_KEY : requestId.toString();
  }

  private static TopicSpec deadLetter(String service) {
    return new TopicSpec(
        "hallmark.dead-letter." + service + ".v1",
        "the original record's key",
        service,
        List.of(Services.OPERATORS),
        1,
        List.of(),
        "Records "
            + service
            + " could not process: original key, value bytes and headers, plus "
            + DeadLetterHeaders.REASON
            + " and the source topic, partition and offset headers.");
  }
}
