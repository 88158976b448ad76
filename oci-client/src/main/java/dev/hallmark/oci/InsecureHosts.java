package dev.hallmark.oci;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Registries spoken to over plain HTTP: loopback ({@code localhost}, {@code 127.0.0.1}, {@code
 * [::1]}, any port) plus the hosts configured, given as {@code host} (any port) or {@code
 * host:port}. Everything else is HTTPS with certificate verification.
 */
final class InsecureHosts {
  static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
  private final Set<String> entries;

  InsecureHosts(Collection<String> configured) {
    Set<String> all = new HashSet<>(LOOPBACK);
    configured.forEach(entry -> all.add(entry.toLowerCase(Locale.ROOT)));
    this.entries = Set.copyOf(all);
  }

  boolean isInsecure(String registry) {
    String normalized = registry.toLowerCase(Locale.ROOT);
    return entries.contains(normalized) || entries.contains(host(normalized));
  }

  String scheme(String registry) {
    return isInsecure(registry) ? "http" : "https";
  }

  /** {@code host} of {@code host[:port]} ({@code [v6]} kept in brackets). */
  static String host(String registry) {
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      return end < 0 ? registry : registry.substring(0, end + 1);
    }
    int colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }
}
