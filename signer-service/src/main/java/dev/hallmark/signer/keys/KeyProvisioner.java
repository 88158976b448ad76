package dev.hallmark.signer.keys;

import dev.hallmark.signer.signers.Signer;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every configured key (creating missing PKCS#11 keys where allowed) and records its public
 * facts in {@code signing_key}. A key id is bound to its first public key for good: a different key
 * under a recorded id stops the start ({@link KeyMismatchException}).
 */
@Singleton
public class KeyProvisioner {
  /** Advisory lock id: "hallmark signer keys". */
  static final long LOCK_ID = 0x68616c6d6b6b6579L;

  private static final Logger LOG = LoggerFactory.getLogger(KeyProvisioner.class);
  private final KeyBackends backends;
  private final SigningKeyRepository rows;
  private final Clock clock;

  KeyProvisioner(KeyBackends backends, SigningKeyRepository rows, Clock clock) {
    this.backends = backends;
    this.rows = rows;
    this.clock = clock;
  }

  /** Under a database lock, so that instances starting together do not both create a key. */
  @Transactional
  public List<SigningKey> provision(List<KeyProperties> configured) {
    rows.lockProvisioning(LOCK_ID);
    List<SigningKey> keys = new ArrayList<>(configured.size());
    for (KeyProperties properties : configured) {
      Signer signer = backends.load(properties);
      SigningKey key = SigningKey.of(properties.id(), properties.backend(), signer);
      record(key);
      LOG.info(
          "signing key '{}': {} {}, {}",
          key.id(),
          key.backend().configName(),
          key.algorithm(),
          key.fingerprint());
      keys.add(key);
    }
    return keys;
  }

  private void record(SigningKey key) {
    Optional<SigningKeyRow> recorded = rows.findById(key.id());
    if (recorded.isEmpty()) {
      rows.save(
          new SigningKeyRow(
              key.id(),
              key.algorithm().name(),
              key.backend().configName(),
              key.publicKeyPem(),
              key.fingerprint(),
              clock.instant()));
    } else if (!recorded.get().fingerprint().equals(key.fingerprint())) {
      throw new KeyMismatchException(key.id(), recorded.get().fingerprint(), key.fingerprint());
    }
  }
}
