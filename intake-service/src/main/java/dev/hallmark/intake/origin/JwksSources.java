package dev.hallmark.intake.origin;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The key sets (JWKS) of the trusted issuers, one cached source per URL however many policies name
 * it. Nimbus {@link JWKSourceBuilder} does the caching: a key set is fetched on first use and kept
 * for {@code jwks-cache-ttl}; a token whose key is not in the cached set causes one refetch (key
 * rotation), but not more often than every {@code jwks-refetch-min-interval}, so that tokens with
 * made-up key ids cannot make intake hammer the issuer.
 */
@Singleton
final class JwksSources {
  /** What {@link com.nimbusds.jose.jwk.source.RemoteJWKSet} allows; key sets are a few KB. */
  static final int MAX_JWKS_BYTES = 50 * 1024;

  private final ConcurrentMap<URI, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();
  private final Duration cacheTtl;
  private final Duration refetchMinInterval;
  private final Duration timeout;

  JwksSources(
      @Value("${hallmark.identity-tokens.jwks-cache-ttl:5m}") Duration cacheTtl,
      @Value("${hallmark.identity-tokens.jwks-refetch-min-interval:30s}")
          Duration refetchMinInterval,
      @Value("${hallmark.identity-tokens.jwks-timeout:5s}") Duration timeout) {
    if (refetchMinInterval.compareTo(cacheTtl) >= 0) {
      // Nimbus refuses this combination only when the first token arrives; fail the start instead.
      throw new IllegalArgumentException(
          "hallmark.identity-tokens.jwks-refetch-min-interval ("
              + refetchMinInterval
              + ") must be shorter than jwks-cache-ttl ("
              + cacheTtl
              + ")");
    }
    this.cacheTtl = cacheTtl;
    this.refetchMinInterval = refetchMinInterval;
    this.timeout = timeout;
  }

  JWKSource<SecurityContext> of(URI jwksUrl) {
    return sources.computeIfAbsent(jwksUrl, this::build);
  }

  private JWKSource<SecurityContext> build(URI jwksUrl) {
    int millis = Math.toIntExact(timeout.toMillis());
    try {
      return JWKSourceBuilder.create(
              jwksUrl.toURL(), new DefaultResourceRetriever(millis, millis, MAX_JWKS_BYTES))
          .cache(cacheTtl.toMillis(), timeout.toMillis())
          // Refresh-ahead runs a thread per key set; a fetch when the cache expired is enough.
          .refreshAheadCache(false)
          .rateLimited(refetchMinInterval.toMillis())
          // One retry of a failed fetch: a dropped connection should not fail a submission.
          .retrying(true)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a URL: " + jwksUrl, e);
    }
  }

  @PreDestroy
  void close() {
    for (JWKSource<SecurityContext> source : sources.values()) {
      if (source instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          // In-memory caches; nothing is left open that outlives the service.
        }
      }
    }
  }
}
