package dev.hallmark.schemas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.DecisionOutcome;
import dev.hallmark.events.ImageRef;
import dev.hallmark.events.Origin;
import dev.hallmark.events.PolicyDecision;
import dev.hallmark.events.SigningMethod;
import dev.hallmark.schemas.SampleEvents;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layout v1 is a contract between deployed services: its bytes never change. If the golden test
 * fails, the change belongs in a new layout version (DecisionContent's documentation says how).
 */
class DecisionContentTest {

  /** One short value in every field, so the expected bytes can be read and written by hand. */
  static PolicyDecision small() {
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("b", "2");
    claims.put("a", "1");
    return PolicyDecision.newBuilder()
        .setEventId(UUID.fromString("00000000-0000-0000-0000-000000000001"))
        .setRequestId(UUID.fromString("00000000-0000-0000-0000-000000000002"))
        .setOccurredAt(Instant.ofEpochMilli(1000))
        .setImages(
            new ArrayList<>(
                List.of(
                    ImageRef.newBuilder()
                        .setRegistry("r")
                        .setRepository("o")
                        .setDigest("d")
                        .setTags(new ArrayList<>(List.of("t")))
                        .build())))
        .setOutcome(DecisionOutcome.APPROVED)
        .setReason(null)
        .setProject("p")
        .setSigningPolicy("s")
        .setPolicyVersion(2)
        .setMethods(new ArrayList<>(List.of(SigningMethod.COSIGN)))
        .setKeyId("k")
        .setApprovers(new ArrayList<>(List.of("a")))
        .setOrigin(
            Origin.newBuilder()
                .setRepositoryUrl("u")
                .setRef(null)
                .setCommit(null)
                .setBuildUrl(null)
                .setVerified(true)
                .setIssuer(null)
                .setClaims(claims)
                .build())
        .setAuthenticator(null)
        .build();
  }

  @Test
  void v1_smallDecision_isTheDocumentedBytes() {
    String expected =
        String.join(
            "",
            "68616c6c6d61726b2d706f6c6963792d6465636973696f6e2d76310a", // prefix
            "00000000000000000000000000000001", // eventId
            "00000000000000000000000000000002", // requestId
            "00000000000003e8", // occurredAt, ms
            "00000008" + "415050524f564544", // outcome APPROVED
            "00", // reason null
            "00000001" + "70", // project
            "00000001" + "73", // signingPolicy
            "00000002", // policyVersion
            "00000001" + "00000006" + "434f5349474e", // methods [COSIGN]
            "01" + "00000001" + "6b", // keyId
            "00000001" + "00000001" + "61", // approvers [a]
            "01", // origin present
            "01" + "00000001" + "75", // repositoryUrl
            "00" + "00" + "00", // ref, commit, buildUrl null
            "01", // verified
            "00", // issuer null
            "00000002"
                + "00000001"
                + "61"
                + "00000001"
                + "31"
                + "00000001"
                + "62"
                + "00000001"
                + "32", // claims, by key: a=1, b=2
            "00000001", // one image
            "00000001"
                + "72"
                + "00000001"
                + "6f"
                + "00000001"
                + "64", // registry, repository, digest
            "00000001" + "00000001" + "74"); // tags [t]

    assertThat(HexFormat.of().formatHex(DecisionContent.v1(small()))).isEqualTo(expected);
  }

  @Test
  void v1_startsWithThePrefix_andIgnoresTheAuthenticator() {
    PolicyDecision decision = SampleEvents.policyDecision();
    byte[] withAuthenticator = DecisionContent.v1(decision);
    decision.setAuthenticator(ByteBuffer.wrap(new byte[] {1, 2, 3}));

    assertThat(new String(withAuthenticator, 0, DecisionContent.PREFIX_V1.length()))
        .isEqualTo("hallmark-policy-decision-v1\n");
    assertThat(DecisionContent.v1(decision)).isEqualTo(withAuthenticator);
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        change("eventId", d -> d.setEventId(UUID.randomUUID())),
        change("requestId", d -> d.setRequestId(UUID.randomUUID())),
        change("occurredAt", d -> d.setOccurredAt(d.getOccurredAt().plusMillis(1))),
        change("outcome", d -> d.setOutcome(DecisionOutcome.DENIED)),
        change("reason", d -> d.setReason("because")),
        change("reason empty, not null", d -> d.setReason("")),
        change("project", d -> d.setProject("q")),
        change("signingPolicy", d -> d.setSigningPolicy("t")),
        change("policyVersion", d -> d.setPolicyVersion(3)),
        change("methods", d -> d.getMethods().add(SigningMethod.NOTARY)),
        change("methods other", d -> d.setMethods(List.of(SigningMethod.NOTARY))),
        change("keyId", d -> d.setKeyId("other")),
        change("keyId null", d -> d.setKeyId(null)),
        change("approvers", d -> d.getApprovers().add("b")),
        change("origin null", d -> d.setOrigin(null)),
        change("origin.repositoryUrl", d -> d.getOrigin().setRepositoryUrl("v")),
        change("origin.ref", d -> d.getOrigin().setRef("refs/heads/main")),
        change("origin.commit", d -> d.getOrigin().setCommit("abc")),
        change("origin.buildUrl", d -> d.getOrigin().setBuildUrl("https://ci")),
        change("origin.verified", d -> d.getOrigin().setVerified(false)),
        change("origin.issuer", d -> d.getOrigin().setIssuer("https://issuer")),
        change("origin.claims value", d -> d.getOrigin().getClaims().put("a", "9")),
        change("origin.claims key", d -> d.getOrigin().setClaims(Map.of("c", "1", "b", "2"))),
        change("images", d -> d.getImages().add(d.getImages().get(0))),
        change("images none", d -> d.setImages(List.of())),
        change("image.registry", d -> d.getImages().get(0).setRegistry("x")),
        change("image.repository", d -> d.getImages().get(0).setRepository("x")),
        change("image.digest", d -> d.getImages().get(0).setDigest("x")),
        change("image.tags", d -> d.getImages().get(0).getTags().add("u")),
        // Length prefixes: the same characters split differently are different content.
        change("image.tags split", d -> d.getImages().get(0).setTags(List.of("", "t"))));
  }

  private static Arguments change(String what, Consumer<PolicyDecision> edit) {
    return Arguments.of(what, edit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void v1_anyChangedField_changesTheBytes(String what, Consumer<PolicyDecision> edit) {
    byte[] before = DecisionContent.v1(small());
    PolicyDecision changed = small();
    edit.accept(changed);

    assertThat(DecisionContent.v1(changed)).as(what).isNotEqualTo(before);
  }

  @Test
  void v1_claimsInAnyInsertionOrder_isTheSameBytes() {
    PolicyDecision reordered = small();
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("a", "1");
    claims.put("b", "2");
    reordered.getOrigin().setClaims(claims);

    assertThat(DecisionContent.v1(reordered)).isEqualTo(DecisionContent.v1(small()));
  }

  @Test
  void v1_unpairedSurrogate_isRefused() {
    PolicyDecision decision = small();
    decision.setProject("p\uD800");

    assertThatThrownBy(() -> DecisionContent.v1(decision))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid Unicode");
  }
}
