package dev.hallmark.oci;

import java.util.Map;
import java.util.Optional;

/**
 * Username and password per registry host ({@code host[:port]} exactly as in image references).
 * Looked up only when a registry asks for authentication, so a lookup may read a secret file each
 * time (rotation needs no restart).
 */
@FunctionalInterface
public interface RegistryCredentials {

  Optional<Credential> lookup(String registry);

  /** Username and password (or token used as password). {@link #toString()} hides the password. */
  record Credential(String username, String password) {
    public Credential {
      if (username == null || username.isEmpty() || password == null) {
        throw new IllegalArgumentException("a credential needs a username and a password");
      }
    }

    @Override
    public String toString() {
      return "Credential[" + username + ", ****]";
    }
  }

  /** No credentials for any registry: anonymous access (and anonymous bearer tokens) only. */
  static RegistryCredentials anonymous() {
    return registry -> Optional.empty();
  }

  /** Fixed credentials per registry host. */
  static RegistryCredentials of(Map<String, Credential> byRegistry) {
    Map<String, Credential> copy = Map.copyOf(byRegistry);
    return registry -> Optional.ofNullable(copy.get(registry));
  }
}
