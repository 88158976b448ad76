package dev.hallmark.signer.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Answers a certificate request for a key without one with 404 problem details that say how to get
 * one.
 */
@Singleton
final class NoCertificateHandler
    implements ExceptionHandler<NoCertificateException, HttpResponse<?>> {
  private final ErrorResponseProcessor<?> processor;

  NoCertificateHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, NoCertificateException exception) {
    return processor.processResponse(
        ErrorContext.builder(request)
            .cause(exception)
            .errorMessage(
                "signing key '"
                    + exception.keyId()
                    + "' has no certificate: keys in a PKCS#11 token or a PKCS#12 file have one,"
                    + " a PEM private key file does not")
            .build(),
        HttpResponse.notFound());
  }
}
