package dev.hallmark.intake.origin;

/**
 * The identity token of a submission does not verify, or is missing where the policy requires one;
 * answered 422 naming {@code identityToken}. The message says what failed and never contains the
 * token.
 */
public final class InvalidIdentityTokenException extends RuntimeException {
  public InvalidIdentityTokenException(String reason) {
    super(reason);
  }
}
