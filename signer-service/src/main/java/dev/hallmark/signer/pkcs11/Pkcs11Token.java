package dev.hallmark.signer.pkcs11;

import dev.hallmark.signer.signers.KeyTypeMismatchException;
import dev.hallmark.signer.signers.Pkcs11Signer;
import dev.hallmark.signer.signers.SigningAlgorithm;
import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in PKCS#11 token, used through the JDK's SunPKCS11 provider, configured
 * programmatically ({@code Security.getProvider("SunPKCS11").configure("--...")}) and never
 * registered globally.
 *
 * <p>Keys are found by label through SunPKCS11's {@code PKCS11} KeyStore, which lists a private key
 * only together with a certificate whose {@code CKA_ID} matches. {@link #generate} therefore
 * generates the key pair inside the token (sensitive, not extractable: {@link SunPkcs11Config}),
 * has the new private key sign a self-signed certificate for itself ({@link
 * SelfSignedCertificates}), and stores it with {@code KeyStore.setKeyEntry(label, ...)}; after a
 * restart the key is found again under its label.
 */
public final class Pkcs11Token implements AutoCloseable {
  /** Labels are used as CKA_LABEL, CKA_ID and KeyStore alias; kept to a portable set. */
  public static final Pattern KEY_LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Token.class);
  private static final String PROVIDER_NAME = "hallmark";

  private final String library;
  private final SlotSelection slot;
  private final String description;
  private final PinSource pins;
  private final Clock clock;
  private final AuthProvider provider;
  private KeyStore keyStore;

  private Pkcs11Token(
      String library,
      SlotSelection slot,
      String description,
      PinSource pins,
      Clock clock,
      AuthProvider provider,
      KeyStore keyStore) {
    this.library = library;
    this.slot = slot;
    this.description = description;
    this.pins = pins;
    this.clock = clock;
    this.provider = provider;
    this.keyStore = keyStore;
  }

  /**
   * Configures SunPKCS11 for the configured slot and logs in with the user PIN.
   *
   * @throws IllegalArgumentException if {@code properties} has {@link Pkcs11Properties#problems()}
   * @throws TokenUnavailableException if the module or slot cannot be used
   * @throws TokenNotFoundException if no token has the configured label
   * @throws TokenLoginException if the PIN is refused
   * @throws PinUnavailableException if there is no PIN to give
   */
  public static Pkcs11Token open(Pkcs11Properties properties, PinSource pins, Clock clock) {
    if (!properties.problems().isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", properties.problems()));
    }
    String library = properties.library();
    SlotSelection configured = properties.slotSelection();
    String description = describe(configured) + " of " + library;
    SlotSelection slot =
        configured instanceof SlotSelection.ByTokenLabel byLabel
            ? new SlotSelection.ById(TokenSlots.slotOf(library, byLabel.label()))
            : configured;
    AuthProvider provider = configure(library, slot, describe(configured), null);
    KeyStore keyStore = login(provider, pins, description);
    LOG.info("PKCS#11 token ready: {} ({})", description, provider.getName());
    return new Pkcs11Token(library, slot, description, pins, clock, provider, keyStore);
  }

  /** Where the token is, for messages: e.g. {@code token label 'hallmark' of /usr/lib/...}. */
  public String description() {
    return description;
  }

  /** The configured provider instance (not registered in {@link Security}). */
  public Provider provider() {
    return provider;
  }

  /**
   * The key stored under {@code label}, if there is one.
   *
   * @throws KeyTypeMismatchException if it exists but is not of {@code algorithm}
   */
  public synchronized Optional<Pkcs11Signer> find(String label, SigningAlgorithm algorithm) {
    try {
      Key key = keyStore.getKey(label, null);
      Certificate certificate = keyStore.getCertificate(label);
      if (!(key instanceof PrivateKey privateKey)
          || !(certificate instanceof X509Certificate x509)) {
        return Optional.empty();
      }
      if (!algorithm.matches(certificate.getPublicKey())) {
        throw new KeyTypeMismatchException(
            "PKCS#11 key '" + label + "' in " + description,
            algorithm,
            SigningAlgorithm.describe(certificate.getPublicKey()));
      }
      return Optional.of(new Pkcs11Signer(provider, privateKey, x509, algorithm, label));
    } catch (GeneralSecurityException e) {
      throw new TokenUnavailableException(
          library, describe(slot), "cannot read key '" + label + "': " + e.getMessage(), e);
    }
  }

  /**
   * Generates a key pair inside the token, not extractable, labelled {@code label}, and stores a
   * self-signed certificate (signed by the new key, in the token) so that it is found again.
   *
   * @throws IllegalArgumentException if {@code label} is not a {@link #KEY_LABEL}
   */
  public synchronized Pkcs11Signer generate(String label, SigningAlgorithm algorithm) {
    if (!KEY_LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("key label '" + label + "' is not " + KEY_LABEL);
    }
    // A provider instance whose generation template carries this label and id, so that the key
    // objects themselves are named, not only the certificate (pkcs11-tool, pkcs11: URIs).
    AuthProvider generator = configure(library, slot, description, label);
    try {
      KeyStore generatorStore = login(generator, pins, description);
      KeyPairGenerator keyPairs = KeyPairGenerator.getInstance(algorithm.keyAlgorithm(), generator);
      keyPairs.initialize(algorithm.keyGenParameters());
      KeyPair pair = keyPairs.generateKeyPair();
      X509Certificate certificate =
          SelfSignedCertificates.create(pair, label, algorithm, generator, clock);
      generatorStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {certificate});
      LOG.info(
          "generated {} key '{}' in PKCS#11 token {} (sensitive, not extractable)",
          algorithm,
          label,
          description);
      // Reload, so that the key store of the long-lived provider lists the new entry.
      keyStore = login(provider, pins, description);
    } catch (GeneralSecurityException e) {
      throw new TokenUnavailableException(
          library,
          describe(slot),
          "cannot generate key '"
              + label
              + "': "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
    return find(label, algorithm)
        .orElseThrow(
            () ->
                new TokenUnavailableException(
                    library,
                    describe(slot),
                    "key '" + label + "' was generated but is not listed afterwards",
                    null));
  }

  /** Logs out; the provider is unusable afterwards. */
  @Override
  public synchronized void close() {
    try {
      provider.logout();
    } catch (LoginException | RuntimeException e) {
      LOG.debug("logout from {} failed: {}", description, e.getMessage());
    }
  }

  private static AuthProvider configure(
      String library, SlotSelection slot, String description, String keyLabel) {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new TokenUnavailableException(
          library,
          description,
          "this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)",
          null);
    }
    try {
      return (AuthProvider)
          base.configure(SunPkcs11Config.render(PROVIDER_NAME, library, slot, keyLabel));
    } catch (RuntimeException e) {
      // SunPKCS11 wraps CKR_* codes and a missing library in ProviderException.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new TokenUnavailableException(
          library,
          description,
          "cannot configure SunPKCS11: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage(),
          e);
    }
  }

  private static KeyStore login(AuthProvider provider, PinSource pins, String description) {
    char[] pin = pins.read();
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new TokenLoginException(description, e);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static String describe(SlotSelection slot) {
    if (slot instanceof SlotSelection.ById id) {
      return "slot " + id.slotId();
    }
    if (slot instanceof SlotSelection.ByListIndex index) {
      return "slot-list-index " + index.index();
    }
    return "token label '" + ((SlotSelection.ByTokenLabel) slot).label() + "'";
  }
}
