package dev.hallmark.publisher.cosign;

/**
 * What is stored under the {@code .sig} tag is not a signature manifest Hallmark can add to; it is
 * left untouched and the publication fails (not retryable: an operator has to look at it).
 */
public final class InvalidSignatureManifestException extends RuntimeException {
  InvalidSignatureManifestException(String message) {
    super(message);
  }
}
