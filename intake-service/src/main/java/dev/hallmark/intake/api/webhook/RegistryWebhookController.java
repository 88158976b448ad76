package dev.hallmark.intake.api.webhook;

import dev.hallmark.events.SubmitterKind;
import dev.hallmark.intake.oci.RepositoryName;
import dev.hallmark.intake.projects.ProjectDirectory;
import dev.hallmark.intake.projects.ProjectDirectory.PolicyRoute;
import dev.hallmark.intake.request.NewSigningRequest;
import dev.hallmark.intake.request.RequestSubmitter;
import dev.hallmark.intake.request.SigningRequestService;
import dev.hallmark.runtime.http.BearerToken;
import dev.hallmark.runtime.http.NotAuthenticatedException;
import dev.hallmark.runtime.http.TokenHash;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the registry's push notifications. Each event that is a tagged manifest push to a
 * repository some policy auto-signs becomes a signing request; the answer (2xx) is sent only after
 * those requests are committed, so the registry's retry covers any failure before that.
 */
@Controller("/api/v1/webhooks/registry")
final class RegistryWebhookController {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryWebhookController.class);
  static final String SUBMITTER = "registry-webhook";

  private final SigningRequestService requests;
  private final ProjectDirectory projects;

  /** The shared secret's hash, what a presented secret is compared with; empty: webhooks off. */
  private final String secretSha256;

  private final String registryName;

  RegistryWebhookController(
      SigningRequestService requests,
      ProjectDirectory projects,
      @Value("${hallmark.webhook.secret:}") String secret,
      @Value("${hallmark.webhook.registry:}") String registryName) {
    this.requests = requests;
    this.projects = projects;
    this.secretSha256 = secret.isEmpty() ? "" : TokenHash.sha256Hex(secret);
    this.registryName = registryName;
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  Receipt receive(
      @Nullable @Header("Authorization") String authorization, @Body Notification body) {
    authenticate(authorization);
    int accepted = 0;
    int ignored = 0;
    for (Notification.Event event :
        body.events() == null ? List.<Notification.Event>of() : body.events()) {
      if (handle(event)) {
        accepted++;
      } else {
        ignored++;
      }
    }
    return new Receipt(accepted, ignored);
  }

  private void authenticate(String authorization) {
    if (secretSha256.isEmpty()) {
      throw new NotAuthenticatedException("registry webhooks are not configured on this server");
    }
    String presented =
        BearerToken.from(authorization)
            .orElseThrow(() -> new NotAuthenticatedException("the webhook secret is required"));
    if (!TokenHash.matchesSha256(presented, secretSha256)) {
      throw new NotAuthenticatedException("the webhook secret is not valid");
    }
  }

  /**
   * @return true if the event created a new signing request
   */
  private boolean handle(Notification.Event event) {
    Optional<String> ignore = PushFilter.reasonToIgnore(event);
    if (ignore.isPresent() || event.id() == null) {
      LOG.debug("ignoring registry event {}: {}", event.id(), ignore.orElse("no event id"));
      return false;
    }
    String registry = registryOf(event);
    Optional<RepositoryName> repository =
        RepositoryName.parse(registry + "/" + event.target().repository());
    if (repository.isEmpty()) {
      LOG.warn("ignoring registry event {}: invalid repository", event.id());
      return false;
    }
    Optional<PolicyRoute> route = projects.autoSigningPolicyFor(repository.get().toString());
    if (route.isEmpty()) {
      LOG.debug("ignoring push to {}: no policy auto-signs it", repository.get());
      return false;
    }
    NewSigningRequest request =
        new NewSigningRequest(
            route.get().project(),
            route.get().policy(),
            List.of(
                new NewSigningRequest.Image(
                    repository.get().registry(),
                    repository.get().path(),
                    event.target().digest(),
                    List.of(event.target().tag()))),
            List.of(),
            "registry push of " + repository.get() + ":" + event.target().tag(),
            null);
    String remote = event.request() == null ? null : event.request().addr();
    return requests
        .submitPush(
            request,
            new RequestSubmitter(SubmitterKind.REGISTRY_WEBHOOK, SUBMITTER, remote),
            event.id())
        .isPresent();
  }

  private String registryOf(Notification.Event event) {
    if (!registryName.isEmpty()) {
      return registryName;
    }
    return event.request() == null || event.request().host() == null ? "" : event.request().host();
  }

  /** How many events of a notification became requests. */
  @Serdeable
  record Receipt(int accepted, int ignored) {}
}
