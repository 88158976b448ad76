package dev.hallmark.publisher.registry;

import dev.hallmark.oci.RegistryClient;
import dev.hallmark.oci.RetryPolicy;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** The one {@link RegistryClient} of the service (one HttpClient, connections reused). */
@Factory
final class RegistryClientFactory {

  @Singleton
  RegistryClient registryClient(List<RegistrySettings> registries, PublisherSettings settings) {
    return RegistryClient.builder()
        .credentials(new ConfiguredCredentials(registries))
        .insecureHosts(
            registries.stream()
                .filter(RegistrySettings::insecure)
                .map(RegistrySettings::effectiveHost)
                .toList())
        .retryPolicy(
            new RetryPolicy(
                settings.clientAttempts(),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                settings.requestTimeout()))
        .connectTimeout(settings.connectTimeout())
        .requestTimeout(settings.requestTimeout())
        .build();
  }
}
