package dev.hallmark.audit.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.SignatureCreated;
import dev.hallmark.events.SignaturePublished;
import dev.hallmark.events.SigningFailed;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.events.SigningRequested;
import dev.hallmark.events.Submitter;
import dev.hallmark.events.SubmitterKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventContentTest {
  static final String HASH = "ab".repeat(32);
  static final String DIGEST = "sha256:" + "cd".repeat(32);
  static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  static ImageRef image() {
    return ImageRef.newBuilder()
        .setRegistry("r.example")
        .setRepository("demo/app")
        .setDigest(DIGEST)
        .setTags(List.of("1.0"))
        .build();
  }

  static Map<String, Object> imageDetails() {
    return Map.of(
        "registry",
        "r.example",
        "repository",
        "demo/app",
        "digest",
        DIGEST,
        "tags",
        List.of("1.0"));
  }

  static ProjectCatalogued.Builder catalogued() {
    return ProjectCatalogued.newBuilder()
        .setEventId(UUID.randomUUID())
        .setOccurredAt(AT)
        .setProject("demo")
        .setRevision(4)
        .setChangedBy("alice")
        .setDeleted(false)
        .setSubmitters(
            List.of(CatalogueSubmitter.newBuilder().setName("ci").setTokenSha256(HASH).build()))
        .setPolicies(List.of(policy("default", 2), policy("release", 3)));
  }

  static CataloguePolicy policy(String name, int version) {
    return CataloguePolicy.newBuilder()
        .setName(name)
        .setVersion(version)
        .setSubmitters(List.of("ci"))
        .setRepositories(List.of("r.example/demo/*"))
        .setTags(List.of("*"))
        .setAutoSignPushes(false)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId("demo-cosign")
        .setIssuers(List.of())
        .setRequiresVerifiedOrigin(false)
        .setRequiredApprovals(0)
        .setApproverGroup(null)
        .build();
  }

  @Test
  void of_projectCatalogued_isActorProjectRevisionAndPoliciesWithoutTokenHashes() {
    Map<String, Object> details = EventContent.of(catalogued().build());

    assertThat(details)
        .containsEntry("actor", "alice")
        .containsEntry("project", "demo")
        .containsEntry("revision", 4L)
        .containsEntry("deleted", false)
        .containsEntry("submitters", List.of("ci"))
        .containsEntry(
            "policies",
            List.of(
                Map.of("name", "default", "version", 2), Map.of("name", "release", "version", 3)))
        .containsEntry("summary", "revision 4: policies [default v2, release v3], submitters [ci]");
    assertThat(details.toString()).doesNotContain(HASH);
  }

  @Test
  void of_deletedProject_summarySaysDeleted() {
    Map<String, Object> details =
        EventContent.of(catalogued().setRevision(5).setDeleted(true).build());

    assertThat(details).containsEntry("summary", "revision 5: project deleted");
  }

  @Test
  void of_signingRequested_isSubmitterByNameOriginAndImages() {
    SigningRequested request =
        SigningRequested.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.randomUUID())
            .setOccurredAt(AT)
            .setProject("demo")
            .setSigningPolicy("default")
            .setImages(List.of(image()))
            .setMethods(List.of(SigningMethod.COSIGN))
            .setSubmitter(
                Submitter.newBuilder()
                    .setKind(SubmitterKind.REGISTRY_WEBHOOK)
                    .setName("registry")
                    .setRemoteAddress("10.0.0.7")
                    .build())
            .setWebhookDeliveryId("delivery-1")
            .setOrigin(
                Origin.newBuilder()
                    .setVerified(true)
                    .setIssuer("https://ci.example")
                    .setClaims(Map.of("sub", "repo:demo/app", "ref", "refs/heads/main"))
                    .setRepositoryUrl("https://git.example/demo/app")
                    .build())
            .build();

    Map<String, Object> details = EventContent.of(request);

    assertThat(details)
        .containsEntry("project", "demo")
        .containsEntry("policy", "default")
        .containsEntry("digests", List.of(DIGEST))
        .containsEntry("images", List.of(imageDetails()))
        .containsEntry("methods", List.of("COSIGN"))
        .containsEntry("webhookDeliveryId", "delivery-1")
        .containsEntry(
            "submitter",
            Map.of("kind", "REGISTRY_WEBHOOK", "name", "registry", "remoteAddress", "10.0.0.7"));
    @SuppressWarnings("unchecked")
    Map<String, Object> origin = (Map<String, Object>) details.get("origin");
    assertThat(origin)
        .containsEntry("verified", true)
        .containsEntry("issuer", "https://ci.example")
        .containsEntry("claims", Map.of("ref", "refs/heads/main", "sub", "repo:demo/app"));
  }

  @Test
  void of_policyDecision_isPolicyVersionOutcomeReasonAndApprovers() {
    PolicyDecision decision =
        PolicyDecision.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.randomUUID())
            .setOccurredAt(AT)
            .setImages(List.of(image()))
            .setOutcome(DecisionOutcome.APPROVED)
            .setProject("demo")
            .setSigningPolicy("release")
            .setPolicyVersion(3)
            .setMethods(List.of(SigningMethod.COSIGN))
            .setKeyId("demo-cosign")
            .setApprovers(List.of("alice", "bob"))
            .setAuthenticator(ByteBuffer.wrap(new byte[97]))
            .build();

    Map<String, Object> details = EventContent.of(decision);

    assertThat(details)
        .containsEntry("policy", "release")
        .containsEntry("policyVersion", 3)
        .containsEntry("outcome", "APPROVED")
        .containsEntry("approvers", List.of("alice", "bob"))
        .containsEntry("keyId", "demo-cosign")
        .doesNotContainKey("authenticator");
    assertThat(details.get("reason")).isNull();
  }

  @Test
  void of_signatureCreated_isKeyMethodAndThePayloadsSha256NotThePayload() {
    byte[] payload = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
    SignatureCreated signature =
        SignatureCreated.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.randomUUID())
            .setOccurredAt(AT)
            .setImage(image())
            .setMethod(SigningMethod.COSIGN)
            .setKeyId("demo-cosign")
            .setPayload(ByteBuffer.wrap(payload))
            .setSignature(ByteBuffer.wrap(new byte[] {1, 2, 3}))
            .setPayloadDigest("sha256:whatever-the-event-claims")
            .build();

    Map<String, Object> details = EventContent.of(signature);

    assertThat(details)
        .containsEntry("method", "COSIGN")
        .containsEntry("keyId", "demo-cosign")
        .containsEntry("image", imageDetails())
        // echo -n '{"critical":{}}' | sha256sum
        .containsEntry(
            "payloadDigest",
            "sha256:39a046f1e0078959a6b16296eac96ad6da16ed5e79c69d398bfe11d975e9afaf")
        // printf '\x01\x02\x03' | sha256sum
        .containsEntry(
            "signatureDigest",
            "sha256:039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
  }

  @Test
  void of_failureAndPublication_haveReasonLocationAndNotaryVersion() {
    SigningFailed failed =
        SigningFailed.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.randomUUID())
            .setOccurredAt(AT)
            .setImage(image())
            .setMethod(SigningMethod.COSIGN)
            .setKeyId("demo-cosign")
            .setReason("key missing")
            .build();
    SignaturePublished published =
        SignaturePublished.newBuilder()
            .setEventId(UUID.randomUUID())
            .setRequestId(UUID.randomUUID())
            .setOccurredAt(AT)
            .setImage(image())
            .setMethod(SigningMethod.NOTARY)
            .setKeyId("demo-notary")
            .setLocation("r.example/demo/app targets/releases")
            .setNotaryVersion(7)
            .build();

    assertThat(EventContent.of(failed))
        .containsEntry("reason", "key missing")
        .containsEntry("method", "COSIGN");
    assertThat(EventContent.of(published))
        .containsEntry("location", "r.example/demo/app targets/releases")
        .containsEntry("notaryVersion", 7)
        .containsEntry("method", "NOTARY");
  }
}
