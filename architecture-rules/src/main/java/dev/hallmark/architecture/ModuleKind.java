package dev.hallmark.architecture;

/**
 * What a module is, which decides the conventions it follows. Each module's build names its kind in
 * the system property {@value #PROPERTY} (set in the poms: services through the parent's {@code
 * micronaut-service} profile).
 */
public enum ModuleKind {
  /** A Micronaut service: intake, policy, signer, registry-publisher, audit. */
  SERVICE,
  /** service-runtime: the wiring every service shares (messaging loop, outbox, dead letters). */
  RUNTIME,
  /** A plain library without framework: schemas, oci-client, notary-client. */
  LIBRARY,
  /** Launcher, benchmarks and end-to-end tests under deploy/: operator tools, not services. */
  TOOL;

  /** System property that names the kind of the module under test. */
  public static final String PROPERTY = "hallmark.conventions.kind";

  /** System property with the directory of the module's compiled main classes. */
  public static final String CLASSES_PROPERTY = "hallmark.conventions.classes";
}
