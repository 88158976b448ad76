package dev.hallmark.signer.pkcs11;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the PKCS#11 token of the {@code pkcs11} key backend is, and how to log in. Used only when a
 * key has {@code backend: pkcs11}; the software backend needs none of it.
 *
 * <p>The token is chosen by exactly one of {@code slot}, {@code slot-list-index} and {@code
 * token-label}; with none of them, {@code slot-list-index: 0}. A token label is mapped to its slot
 * id at start by asking the module for every slot's token ({@code C_GetSlotList}, {@code
 * C_GetTokenInfo}) through the JDK's PKCS#11 wrapper ({@link TokenSlots}); the label is the stable
 * choice when a module has several tokens (SoftHSM orders them by directory name).
 *
 * <p>The user PIN is read from {@code pin-file} or, when that is not set, from the environment
 * variable {@value PinSource#PIN_ENV}. It is never a configuration value, never logged, and never
 * part of an exception message.
 *
 * @param library {@code hallmark.signer.pkcs11.library}: path of the PKCS#11 module, e.g. {@code
 *     /usr/lib/softhsm/libsofthsm2.so}; env {@code HALLMARK_PKCS11_LIBRARY}
 * @param slot {@code hallmark.signer.pkcs11.slot}: PKCS#11 slot id (decimal); env {@code
 *     HALLMARK_PKCS11_SLOT}
 * @param slotListIndex {@code hallmark.signer.pkcs11.slot-list-index}: position in the module's
 *     slot list, from 0; env {@code HALLMARK_PKCS11_SLOT_INDEX}
 * @param tokenLabel {@code hallmark.signer.pkcs11.token-label}: label of the token, mapped to its
 *     slot at start; env {@code HALLMARK_PKCS11_TOKEN_LABEL}
 * @param pinFile {@code hallmark.signer.pkcs11.pin-file}: file whose first line is the user PIN
 *     (keep it 0600); env {@code HALLMARK_PKCS11_PIN_FILE}
 */
@ConfigurationProperties(Pkcs11Properties.PREFIX)
public record Pkcs11Properties(
    @Nullable String library,
    @Nullable Long slot,
    @Nullable Integer slotListIndex,
    @Nullable String tokenLabel,
    @Nullable String pinFile) {

  public static final String PREFIX = "hallmark.signer.pkcs11";

  /** Every problem of this configuration, each naming its property; empty if it is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (blank(library)) {
      problems.add(PREFIX + ".library: required for pkcs11 keys (env HALLMARK_PKCS11_LIBRARY)");
    }
    int selectors =
        (slot == null ? 0 : 1) + (slotListIndex == null ? 0 : 1) + (blank(tokenLabel) ? 0 : 1);
    if (selectors > 1) {
      problems.add(
          PREFIX + ": set only one of slot, slot-list-index and token-label to choose the token");
    }
    if (slot != null && slot < 0) {
      problems.add(PREFIX + ".slot: must not be negative");
    }
    if (slotListIndex != null && slotListIndex < 0) {
      problems.add(PREFIX + ".slot-list-index: must not be negative");
    }
    if (!blank(tokenLabel) && tokenLabel.length() > 32) {
      problems.add(PREFIX + ".token-label: a PKCS#11 token label has at most 32 characters");
    }
    return problems;
  }

  /** How the token is chosen, after {@link #problems()} found none. */
  public SlotSelection slotSelection() {
    if (slot != null) {
      return new SlotSelection.ById(slot);
    }
    if (!blank(tokenLabel)) {
      return new SlotSelection.ByTokenLabel(tokenLabel);
    }
    return new SlotSelection.ByListIndex(slotListIndex == null ? 0 : slotListIndex);
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
