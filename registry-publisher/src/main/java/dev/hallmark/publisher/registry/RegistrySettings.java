package dev.hallmark.publisher.registry;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * One registry the publisher writes to, under {@code hallmark.registries.<name>}. The name is a
 * label: registry hosts contain dots and colons ({@code registry.example:5000}), which a property
 * path cannot carry as one segment, so the host is its own key.
 *
 * <pre>{@code
 * hallmark:
 *   registries:
 *     corp:
 *       host: registry.example:5000      # exactly as in image references
 *       username: hallmark
 *       password-file: /run/secrets/registry-password
 *     local:
 *       host: 127.0.0.1:15000
 *       insecure: true                    # plain HTTP (loopback is always plain HTTP)
 * }</pre>
 *
 * @param name the label ({@code corp}); also the host when {@code host} is not set and the host has
 *     no dot
 * @param host {@code host[:port]} of the registry
 * @param username user for Basic auth and for the token service
 * @param passwordFile file holding the password or token (read when the registry asks, trailing
 *     whitespace stripped, never logged)
 * @param insecure speak plain HTTP to this host instead of HTTPS
 */
@EachProperty("hallmark.registries")
public record RegistrySettings(
    @Parameter String name,
    @Nullable String host,
    @Nullable String username,
    @Nullable Path passwordFile,
    @Bindable(defaultValue = "false") boolean insecure) {

  /** {@code host}, or the name when no host is set. */
  public String effectiveHost() {
    return host == null || host.isBlank() ? name : host;
  }

  @Override
  public String toString() {
    return "RegistrySettings["
        + effectiveHost()
        + ", user "
        + username
        + ", insecure "
        + insecure
        + "]";
  }
}
