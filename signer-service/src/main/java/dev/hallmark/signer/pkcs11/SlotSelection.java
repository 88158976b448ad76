package dev.hallmark.signer.pkcs11;

/** How the PKCS#11 slot (and so the token) is chosen. */
public sealed interface SlotSelection {

  /** A slot id, as the module reports it ({@code slot} in SunPKCS11's configuration). */
  record ById(long slotId) implements SlotSelection {}

  /** A position in the module's slot list ({@code slotListIndex} in SunPKCS11). */
  record ByListIndex(int index) implements SlotSelection {}

  /** The slot whose token has this label; resolved to {@link ById} by {@link TokenSlots}. */
  record ByTokenLabel(String label) implements SlotSelection {}
}
