package dev.hallmark.policy.model;

import dev.hallmark.events.SigningMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How people write signing methods: lower case, {@code cosign}, {@code notary}, {@code notation}
 * (configuration, API answers, decision reasons).
 */
public final class SigningMethods {

  /** Every method a policy can name; {@code UNKNOWN} is only what old readers see. */
  public static final List<SigningMethod> KNOWN =
      Arrays.stream(SigningMethod.values()).filter(m -> m != SigningMethod.UNKNOWN).toList();

  /**
   * The methods signer-service can produce today: cosign signatures, and Notary v1 ({@code
   * targets/releases} signed on registry-publisher's request, for the approved tags only).
   */
  public static final List<SigningMethod> SUPPORTED =
      List.of(SigningMethod.COSIGN, SigningMethod.NOTARY);

  private SigningMethods() {}

  public static String nameOf(SigningMethod method) {
    return method.name().toLowerCase(Locale.ROOT);
  }

  /** The known method of this name, ignoring case; empty for anything else. */
  public static Optional<SigningMethod> parse(String name) {
    return KNOWN.stream().filter(m -> nameOf(m).equalsIgnoreCase(name.strip())).findFirst();
  }

  public static List<String> knownNames() {
    return KNOWN.stream().map(SigningMethods::nameOf).toList();
  }
}
