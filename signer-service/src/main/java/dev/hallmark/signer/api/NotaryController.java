package dev.hallmark.signer.api;

import dev.hallmark.signer.notary.NotaryProposal;
import dev.hallmark.signer.notary.NotarySigning;
import dev.hallmark.signer.notary.NotarySigning.TufSignature;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Base64;

/**
 * Notary v1 signing for registry-publisher: {@code POST /api/v1/notary/signatures} signs a proposed
 * {@code targets/releases} document if it is the next version of the published one and changes only
 * what the request approved ({@link NotarySigning}). Malformed bodies are answered 400 ({@link
 * NotaryRequestValidator}), refusals with their {@code problem} ({@link NotaryRefusedHandler}).
 */
@Controller("/api/v1/notary")
final class NotaryController {
  private final NotarySigning signing;

  NotaryController(NotarySigning signing) {
    this.signing = signing;
  }

  // Off the event loop: a call fetches from the Notary server (with retries), reads the database
  // and signs in the HSM.
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Post(
      value = "/signatures",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  NotarySignatureResponse sign(@Body NotarySigningRequest request) {
    NotaryProposal proposal = NotaryRequestValidator.validate(request);
    TufSignature signature = signing.sign(proposal);
    return new NotarySignatureResponse(
        signature.keyId(), signature.method(), Base64.getEncoder().encodeToString(signature.sig()));
  }
}
