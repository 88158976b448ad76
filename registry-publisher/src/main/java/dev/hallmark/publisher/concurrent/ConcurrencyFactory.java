package dev.hallmark.publisher.concurrent;

import dev.hallmark.publisher.registry.PublisherSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
final class ConcurrencyFactory {

  @Singleton
  @Bean(preDestroy = "close")
  KeyedExecutor publicationExecutor(PublisherSettings settings) {
    return new KeyedExecutor(settings.threads(), "publish");
  }

  @Singleton
  DigestLocks digestLocks() {
    return new DigestLocks();
  }
}
