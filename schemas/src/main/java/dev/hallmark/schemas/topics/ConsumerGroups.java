package dev.hallmark.schemas.topics;

import java.util.List;

/**
 * The consumer groups of the services, next to the topic catalogue ({@link Topics}). Group ids are
 * the service names where one service has one shared group, as they were before this catalogue
 * existed, so that offsets committed by deployed services stay valid. Documented in {@code
 * docs/events.md}.
 */
public final class ConsumerGroups {

  /** intake-service follows decisions, signatures and publications to keep request status. */
  public static final ConsumerGroup INTAKE_PROGRESS =
      new ConsumerGroup(
          Services.INTAKE,
          Services.INTAKE,
          List.of(
              Topics.Names.POLICY_DECISIONS, Topics.Names.SIGNATURES, Topics.Names.PUBLICATIONS),
          false);

  /**
   * intake-service keeps the project catalogue in memory: every instance reads all of it at every
   * start.
   */
  public static final ConsumerGroup INTAKE_CATALOGUE =
      new ConsumerGroup(
          "intake-service-catalogue", Services.INTAKE, List.of(Topics.Names.PROJECTS), true);

  /** policy-service decides signing requests. */
  public static final ConsumerGroup POLICY =
      new ConsumerGroup(
          Services.POLICY, Services.POLICY, List.of(Topics.Names.SIGNING_REQUESTS), false);

  /** signer-service signs approved decisions. */
  public static final ConsumerGroup SIGNER =
      new ConsumerGroup(
          Services.SIGNER, Services.SIGNER, List.of(Topics.Names.POLICY_DECISIONS), false);

  /** registry-publisher publishes created signatures. */
  public static final ConsumerGroup REGISTRY_PUBLISHER =
      new ConsumerGroup(
          Services.REGISTRY_PUBLISHER,
          Services.REGISTRY_PUBLISHER,
          List.of(Topics.Names.SIGNATURES),
          false);

  /** audit-service records every event of the flow and every catalogue change. */
  public static final ConsumerGroup AUDIT =
      new ConsumerGroup(
          Services.AUDIT,
          Services.AUDIT,
          List.of(
              Topics.Names.SIGNING_REQUESTS,
              Topics.Names.POLICY_DECISIONS,
              Topics.Names.SIGNATURES,
              Topics.Names.PUBLICATIONS,
              Topics.Names.PROJECTS),
          false);

  /** Every consumer group, in pipeline order. Immutable. */
  public static final List<ConsumerGroup> ALL =
      List.of(INTAKE_PROGRESS, INTAKE_CATALOGUE, POLICY, SIGNER, REGISTRY_PUBLISHER, AUDIT);

  private ConsumerGroups() {}

  /** The consumer groups of one service. */
  public static List<ConsumerGroup> of(String service) {
    return ALL.stream().filter(group -> group.service().equals(service)).toList();
  }
}
