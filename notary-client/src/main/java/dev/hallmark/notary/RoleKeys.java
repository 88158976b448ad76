package dev.hallmark.notary;

import java.util.List;
import java.util.Map;

/**
 * Who may sign a role: the key ids the role lists, how many of them must sign, and the keys by id
 * (from {@code root.json} for top-level roles, from the parent's {@code delegations.keys} for a
 * delegation).
 */
public record RoleKeys(String role, List<String> keyIds, int threshold, Map<String, TufKey> keys) {
  public RoleKeys {
    keyIds = List.copyOf(keyIds);
    keys = Map.copyOf(keys);
  }
}
