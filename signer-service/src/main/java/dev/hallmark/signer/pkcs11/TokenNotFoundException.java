package dev.hallmark.signer.pkcs11;

import java.util.List;

/** No slot of the module holds a token with the configured label. */
public final class TokenNotFoundException extends RuntimeException {
  private final String label;
  private final List<String> availableLabels;

  public TokenNotFoundException(String library, String label, List<String> availableLabels) {
    super(
        "no token labelled '"
            + label
            + "' in "
            + library
            + "; tokens present: "
            + availableLabels
            + " (SoftHSM: is SOFTHSM2_CONF set for this process?)");
    this.label = label;
    this.availableLabels = List.copyOf(availableLabels);
  }

  public String label() {
    return label;
  }

  public List<String> availableLabels() {
    return availableLabels;
  }
}
