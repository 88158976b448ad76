package dev.hallmark.signer.keys;

import dev.hallmark.signer.pkcs11.Pkcs11Properties;
import io.micronaut.context.annotation.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of this service, by id, loaded when the service starts: a configuration problem,
 * a missing token or a replaced key stops the start with a message naming it, instead of failing on
 * the first decision.
 */
@Context
public class SigningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
  private final Map<String, SigningKey> byId = new LinkedHashMap<>();

  SigningKeys(List<KeyProperties> configured, Pkcs11Properties pkcs11, KeyProvisioner provisioner) {
    List<KeyProperties> sorted =
        configured.stream().sorted(Comparator.comparing(KeyProperties::id)).toList();
    List<String> problems = problems(sorted, pkcs11);
    if (!problems.isEmpty()) {
      throw new KeyConfigurationException(problems);
    }
    if (sorted.isEmpty()) {
      LOG.warn(
          "no signing keys are configured ({}.<id>); every approved decision will fail",
          KeyProperties.PREFIX);
    }
    for (SigningKey key : provisioner.provision(sorted)) {
      byId.put(key.id(), key);
    }
  }

  /**
   * Every problem of the key configuration, including the PKCS#11 settings when a key uses them.
   */
  static List<String> problems(List<KeyProperties> keys, Pkcs11Properties pkcs11) {
    List<String> problems = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    boolean usesPkcs11 = false;
    for (KeyProperties key : keys) {
      problems.addAll(key.problems());
      if (key.backend() == KeyBackend.PKCS11) {
        usesPkcs11 = true;
        if (key.label() != null && !labels.add(key.label())) {
          problems.add(key.property("label") + ": '" + key.label() + "' is used by another key id");
        }
      }
    }
    if (usesPkcs11) {
      problems.addAll(pkcs11.problems());
    }
    return problems;
  }

  /**
   * @throws UnknownKeyException if no key has this id
   */
  public SigningKey get(String id) {
    SigningKey key = byId.get(id);
    if (key == null) {
      throw new UnknownKeyException(id, List.copyOf(byId.keySet()));
    }
    return key;
  }

  public Optional<SigningKey> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every key, ordered by id. */
  public List<SigningKey> all() {
    return List.copyOf(byId.values());
  }
}
