package dev.hallmark.deploy.local.infrastructure;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code config.yml} of a distribution 2.8 registry.
 *
 * <p>Notification endpoints follow "Configuring a registry", section {@code notifications}:
 * https://distribution.github.io/distribution/about/configuration/#notifications
 */
public final class RegistryConfig {
  private RegistryConfig() {}

  public static String render(int port, Path storageDir, Optional<RegistryServer.Webhook> webhook) {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
            "# Written by dev.hallmark.deploy.local.infrastructure.RegistryServer; holds a secret (mode 0600).\n")
        .append("version: 0.1\n")
        .append("log:\n")
        // At info the registry logs each endpoint's headers, i.e. the webhook secret. The access
        // log is not subject to the level and still shows every request.
        .append("  level: warn\n")
        .append("storage:\n")
        .append("  filesystem:\n")
        .append("    rootdirectory: ")
        .append(quoted(storageDir.toAbsolutePath().toString()))
        .append('\n')
        .append("  delete:\n")
        .append("    enabled: true\n")
        // As in the registry's own default configuration: blob descriptors from memory instead of
        // stat calls on the storage for every blob check and manifest put.
        .append("  cache:\n")
        .append("    blobdescriptor: inmemory\n")
        .append("http:\n")
        .append("  addr: 127.0.0.1:")
        .append(port)
        .append('\n');
    webhook.ifPresent(
        hook ->
            yaml.append("notifications:\n")
                .append("  endpoints:\n")
                .append("    - name: hallmark\n")
                .append("      url: ")
                .append(quoted(hook.url().toString()))
                .append('\n')
                .append("      headers:\n")
                .append("        Authorization: [")
                .append(quoted("Bearer " + hook.secret()))
                .append("]\n")
                .append("      timeout: 2s\n")
                .append("      threshold: 5\n")
                .append("      backoff: 1s\n")
                // Only manifest pushes matter to intake. Blob events carry this media type, and
                // pulls (every read of a manifest, the publisher's included) would otherwise
                // queue up in front of the pushes: the registry delivers one event at a time.
                .append("      ignore:\n")
                .append("        mediatypes:\n")
                .append("          - application/octet-stream\n")
                .append("        actions:\n")
                .append("          - pull\n"));
    return yaml.toString();
  }

  /** A YAML double-quoted scalar. */
  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
