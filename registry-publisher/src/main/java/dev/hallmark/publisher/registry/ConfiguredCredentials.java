package dev.hallmark.publisher.registry;

import dev.hallmark.oci.RegistryCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Credentials from {@code hallmark.registries.*}: the password file is read each time a registry
 * asks for authentication, so a rotated secret is picked up without a restart. Neither the password
 * nor the file's content is ever logged or put into a message.
 */
final class ConfiguredCredentials implements RegistryCredentials {
  private final List<RegistrySettings> registries;

  ConfiguredCredentials(List<RegistrySettings> registries) {
    this.registries = List.copyOf(registries);
  }

  @Override
  public Optional<Credential> lookup(String registry) {
    return registries.stream()
        .filter(settings -> settings.effectiveHost().equalsIgnoreCase(registry))
        .filter(settings -> settings.username() != null && settings.passwordFile() != null)
        .findFirst()
        .map(
            settings -> {
              try {
                String password =
                    Files.readString(settings.passwordFile(), StandardCharsets.UTF_8).strip();
                return new Credential(settings.username(), password);
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "cannot read the password file of registry " + registry, e);
              }
            });
  }
}
