package dev.hallmark.deploy.local.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * One Hallmark service as the stack runs it: module {@code name} packaged as {@code
 * <home>/<name>/target/<name>.jar} (its manifest's Class-Path points at {@code lib/}).
 *
 * @param name the Maven module directory, also the log and pid file name
 * @param portVariable env variable that overrides the HTTP port
 * @param defaultPort HTTP port when the variable is not set
 * @param receivesWebhookSecret whether the service gets {@code HALLMARK_WEBHOOK_SECRET}
 * @param urlVariable the variable under which stack.env publishes the service's base URL
 */
public record ServiceDefinition(
    String name,
    String portVariable,
    int defaultPort,
    boolean receivesWebhookSecret,
    String urlVariable) {

  /** Adding a service to the stack is adding a line here. */
  public static final List<ServiceDefinition> ALL =
      List.of(
          new ServiceDefinition(
              "intake-service", "HALLMARK_INTAKE_PORT", 8080, true, "HALLMARK_INTAKE_URL"),
          new ServiceDefinition(
              "policy-service", "HALLMARK_POLICY_PORT", 8081, false, "HALLMARK_POLICY_URL"),
          new ServiceDefinition(
              "signer-service", "HALLMARK_SIGNER_PORT", 8082, false, "HALLMARK_SIGNER_URL"),
          new ServiceDefinition(
              "registry-publisher",
              "HALLMARK_PUBLISHER_PORT",
              8083,
              false,
              "HALLMARK_PUBLISHER_URL"),
          new ServiceDefinition(
              "audit-service", "HALLMARK_AUDIT_PORT", 8084, false, "HALLMARK_AUDIT_URL"));

  /** The service that receives the registry's webhook. */
  public static final ServiceDefinition INTAKE = ALL.get(0);

  public static final ServiceDefinition POLICY = ALL.get(1);

  /** The service that holds the signing keys. */
  public static final ServiceDefinition SIGNER = ALL.get(2);

  /** The service that publishes signatures, Notary v1 trust data included. */
  public static final ServiceDefinition PUBLISHER = ALL.get(3);

  /** The service that keeps the tamper-evident ledger, with a database role of its own. */
  public static final ServiceDefinition AUDIT = ALL.get(4);

  public Path jar(Path home) {
    return home.resolve(name).resolve("target").resolve(name + ".jar");
  }
}
