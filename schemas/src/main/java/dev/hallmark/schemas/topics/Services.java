package dev.hallmark.schemas.topics;

import java.util.List;

/**
 * Service names. Each is also the Kafka consumer group id of that service, so that several
 * instances of one service share the partitions of the topics it consumes.
 */
public final class Services {

  public static final String INTAKE = "intake-service";
  public static final String POLICY = "policy-service";
  public static final String SIGNER = "signer-service";
  public static final String REGISTRY_PUBLISHER = "registry-publisher";
  public static final String AUDIT = "audit-service";

  /** Readers outside Hallmark (people and tools of the operator). */
  public static final String OPERATORS = "operators (external)";

  /** The Hallmark services, in pipeline order. */
  public static final List<String> ALL = List.of(INTAKE, POLICY, SIGNER, REGISTRY_PUBLISHER, AUDIT);

  private Services() {}
}
