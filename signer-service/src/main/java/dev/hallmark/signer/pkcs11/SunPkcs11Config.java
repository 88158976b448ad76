package dev.hallmark.signer.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The SunPKCS11 configuration text ({@code --}-prefixed inline form of {@code Provider.configure}),
 * as documented in the JDK's PKCS#11 Reference Guide.
 *
 * <p>Every key pair the provider generates is a token object ({@code CKA_TOKEN}), private and
 * sensitive, never extractable, and usable for signing only: {@code CKA_SENSITIVE = true}, {@code
 * CKA_EXTRACTABLE = false}, no decrypt/unwrap/derive. Given a label, the private and public key
 * objects also get {@code CKA_LABEL} and {@code CKA_ID} = the label, so that other PKCS#11 tools
 * (pkcs11-tool, {@code pkcs11:object=<label>} URIs) find them by name.
 */
final class SunPkcs11Config {
  private SunPkcs11Config() {}

  /**
   * @param name provider name suffix ({@code SunPKCS11-<name>})
   * @param slot a resolved selection: {@link SlotSelection.ById} or {@link
   *     SlotSelection.ByListIndex}
   * @param keyLabel label for generated keys, or null for a provider that generates none
   */
  static String render(String name, String library, SlotSelection slot, String keyLabel) {
    if (library.contains("\n") || library.contains("\"")) {
      throw new IllegalArgumentException("library path contains a newline or quote");
    }
    StringBuilder config = new StringBuilder("--");
    config.append("name = ").append(name).append('\n');
    config.append("library = ").append(library).append('\n');
    if (slot instanceof SlotSelection.ById id) {
      config.append("slot = ").append(id.slotId()).append('\n');
    } else if (slot instanceof SlotSelection.ByListIndex index) {
      config.append("slotListIndex = ").append(index.index()).append('\n');
    } else {
      throw new IllegalArgumentException("resolve the token label to a slot first");
    }
    String identity = keyLabel == null ? "" : identity(keyLabel);
    config
        .append("attributes(generate, CKO_PRIVATE_KEY, *) = {\n")
        .append("  CKA_TOKEN = true\n")
        .append("  CKA_PRIVATE = true\n")
        .append("  CKA_SENSITIVE = true\n")
        .append("  CKA_EXTRACTABLE = false\n")
        .append("  CKA_SIGN = true\n")
        .append("  CKA_DECRYPT = false\n")
        .append("  CKA_UNWRAP = false\n")
        .append("  CKA_DERIVE = false\n")
        .append(identity)
        .append("}\n");
    config
        .append("attributes(generate, CKO_PUBLIC_KEY, *) = {\n")
        .append("  CKA_TOKEN = true\n")
        .append("  CKA_VERIFY = true\n")
        .append("  CKA_ENCRYPT = false\n")
        .append("  CKA_WRAP = false\n")
        .append(identity)
        .append("}\n");
    return config.toString();
  }

  private static String identity(String keyLabel) {
    // Byte arrays are written as 0h<hex>; SunPKCS11's KeyStore sets CKA_ID to the alias bytes too.
    String hex = "0h" + HexFormat.of().formatHex(keyLabel.getBytes(StandardCharsets.UTF_8));
    return "  CKA_LABEL = " + hex + "\n  CKA_ID = " + hex + "\n";
  }
}
