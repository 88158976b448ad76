package dev.hallmark.schemas;

import dev.hallmark.events.AuditCheckpoint;
import dev.hallmark.events.AuditOutcome;
import dev.hallmark.events.AuditRecord;
import dev.hallmark.events.CatalogueIssuer;
import dev.hallmark.events.CataloguePolicy;
import dev.hallmark.events.CatalogueSubmitter;
import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.DecisionRejected;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.ProjectCatalogued;
import dev.hallmark.events.PublicationFailed;
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
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every event type, every optional field set. */
public final class SampleEvents {

  public static final UUID REQUEST_ID = UUID.fromString("0b7c6d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e");
  public static final Instant OCCURRED_AT = Instant.parse("2025-03-01T12:34:56.789Z");
  public static final String DIGEST = "sha256:" + "ab".repeat(32);

  private SampleEvents() {}

  /** One sample per entry of {@link EventTypes#ALL}, in the same order. */
  public static List<SpecificRecord> all() {
    return List.of(
        signingRequested(),
        policyDecision(),
        signatureCreated(),
        signingFailed(),
        decisionRejected(),
        signaturePublished(),
        publicationFailed(),
        auditRecord(),
        auditCheckpoint(),
        projectCatalogued());
  }

  public static ImageRef image() {
    return ImageRef.newBuilder()
        .setRegistry("registry.example:5000")
        .setRepository("demo/app")
        .setDigest(DIGEST)
        .setTags(List.of("1.0", "latest-stable"))
        .build();
  }

  public static Origin origin() {
    return Origin.newBuilder()
        .setRepositoryUrl("https://git.example/demo/app")
        .setRef("refs/heads/main")
        .setCommit("0123456789abcdef0123456789abcdef01234567")
        .setBuildUrl("https://ci.example/demo/app/42")
        .setVerified(true)
        .setIssuer("https://ci.example")
        .setClaims(Map.of("sub", "repo:demo/app:ref:refs/heads/main"))
        .build();
  }

  public static SigningRequested signingRequested() {
    return SigningRequested.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000001"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setProject("demo")
        .setSigningPolicy("release")
        .setImages(List.of(image()))
        .setMethods(List.of(SigningMethod.COSIGN, SigningMethod.NOTARY))
        .setSubmitter(
            Submitter.newBuilder()
                .setKind(SubmitterKind.CI_TOKEN)
                .setName("ci-demo")
                .setRemoteAddress("192.0.2.10")
                .build())
        .setDescription("release 1.0")
        .setOrigin(origin())
        .setWebhookDeliveryId("delivery-7")
        .build();
  }

  public static PolicyDecision policyDecision() {
    return PolicyDecision.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000002"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setImages(List.of(image()))
        .setOutcome(DecisionOutcome.APPROVED)
        .setReason("approved by 2 of 2")
        .setProject("demo")
        .setSigningPolicy("release")
        .setPolicyVersion(3)
        .setMethods(List.of(SigningMethod.COSIGN))
        .setKeyId("key-release-1")
        .setApprovers(List.of("alice", "bob"))
        .setOrigin(origin())
        .setAuthenticator(bytes("mac"))
        .build();
  }

  public static SignatureCreated signatureCreated() {
    return SignatureCreated.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000003"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setImage(image())
        .setMethod(SigningMethod.COSIGN)
        .setKeyId("key-release-1")
        .setPayload(bytes("{\"critical\":{}}"))
        .setSignature(bytes("sig"))
        .setPayloadDigest("sha256:" + "cd".repeat(32))
        .setCertificate("-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n")
        .build();
  }

  public static SignaturePublished signaturePublished() {
    return SignaturePublished.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000004"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setImage(image())
        .setMethod(SigningMethod.NOTARY)
        .setKeyId("key-release-1")
        .setLocation("registry.example:5000/demo/app targets/releases")
        .setNotaryVersion(5)
        .build();
  }

  public static SigningFailed signingFailed() {
    return SigningFailed.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000007"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setImage(image())
        .setMethod(SigningMethod.COSIGN)
        .setKeyId("key-release-1")
        .setReason("signing key key-release-1 is not configured")
        .build();
  }

  public static DecisionRejected decisionRejected() {
    return DecisionRejected.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000008"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setDecisionEventId(UUID.fromString("10000000-0000-4000-8000-000000000002"))
        .setImages(List.of(image()))
        .setReason(
            "decision 10000000-0000-4000-8000-000000000002 is not authenticated: no authenticator")
        .build();
  }

  public static PublicationFailed publicationFailed() {
    return PublicationFailed.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000005"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setImage(image())
        .setMethod(SigningMethod.COSIGN)
        .setKeyId("key-release-1")
        .setReason("registry answered 503")
        .setAttempts(2)
        .setRetryable(true)
        .build();
  }

  public static AuditRecord auditRecord() {
    return AuditRecord.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000006"))
        .setRequestId(REQUEST_ID)
        .setOccurredAt(OCCURRED_AT)
        .setRecordedAt(OCCURRED_AT.plusSeconds(1))
        .setSequence(42L)
        .setSourceTopic("hallmark.signatures.v1")
        .setSourceEventId("10000000-0000-4000-8000-000000000003")
        .setEventType("SignatureCreated")
        .setOutcome(AuditOutcome.SUCCESS)
        .setActor("signer-service")
        .setImage(image())
        .setSummary("signed demo/app with key-release-1")
        .setDetails(Map.of("method", "COSIGN"))
        .build();
  }

  public static AuditCheckpoint auditCheckpoint() {
    return AuditCheckpoint.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-00000000000a"))
        .setOccurredAt(OCCURRED_AT)
        .setOrigin("hallmark.example/audit")
        .setTreeSize(43L)
        .setRootHash("cd".repeat(32))
        .setKeyId("ef".repeat(32))
        .setSignature(ByteBuffer.wrap(new byte[64]))
        .setNote(
            "hallmark.example/audit\n43\nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc=\n\n— x AAAA\n")
        .build();
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  public static ProjectCatalogued projectCatalogued() {
    return ProjectCatalogued.newBuilder()
        .setEventId(UUID.fromString("10000000-0000-4000-8000-000000000009"))
        .setOccurredAt(OCCURRED_AT)
        .setProject("demo")
        .setRevision(7L)
        .setChangedBy("alice")
        .setDeleted(false)
        .setSubmitters(
            List.of(
                CatalogueSubmitter.newBuilder()
                    .setName("ci")
                    .setTokenSha256("ef".repeat(32))
                    .build()))
        .setPolicies(
            List.of(
                CataloguePolicy.newBuilder()
                    .setName("release")
                    .setVersion(3)
                    .setSubmitters(List.of("ci"))
                    .setRepositories(List.of("registry.example:5000/demo/*"))
                    .setTags(List.of("v*"))
                    .setAutoSignPushes(false)
                    .setMethods(List.of(SigningMethod.COSIGN, SigningMethod.NOTARY))
                    .setKeyId("key-release-1")
                    .setIssuers(
                        List.of(
                            CatalogueIssuer.newBuilder()
                                .setIssuer("https://ci.example")
                                .setJwksUrl("https://ci.example/.well-known/jwks")
                                .setAudience("hallmark")
                                .build()))
                    .setRequiresVerifiedOrigin(true)
                    .setRequiredApprovals(2)
                    .setApproverGroup("release-managers")
                    .build()))
        .build();
  }
}
