package dev.hallmark.schemas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.events.PolicyDecision;
import dev.hallmark.schemas.SampleEvents;
import dev.hallmark.schemas.serde.EventCodec;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** policy-service's signer and signer-service's verifier, and every reason to reject. */
class DecisionVerifierTest {
  static final KeyPair POLICY = DecisionKeys.generate();
  static final KeyPair OTHER = DecisionKeys.generate();

  final DecisionSigner signer = new DecisionSigner(POLICY.getPrivate(), POLICY.getPublic());
  final DecisionVerifier verifier = new DecisionVerifier(List.of(POLICY.getPublic()));

  @Test
  void signedDecision_afterKafkaEncoding_isAuthentic() {
    PolicyDecision signed = signer.sign(SampleEvents.policyDecision());
    EventCodec codec = EventCodec.standard();

    PolicyDecision received = codec.decode(codec.encode(signed), PolicyDecision.class);

    assertThat(verifier.rejection(received)).isEmpty();
    DecisionAuthenticator authenticator = DecisionAuthenticator.parse(received.getAuthenticator());
    assertThat(authenticator.version()).isEqualTo(1);
    assertThat(authenticator.keyIdHex())
        .isEqualTo(DecisionKeys.keyIdHex(POLICY.getPublic()))
        .isEqualTo(signer.keyIdHex());
    assertThat(received.getAuthenticator().remaining()).isEqualTo(97);
  }

  @Test
  void sign_leavesTheOriginalUnchanged() {
    PolicyDecision original = SampleEvents.policyDecision();
    original.setAuthenticator(null);

    signer.sign(original);

    assertThat(original.getAuthenticator()).isNull();
  }

  @Test
  void verifier_trustingTwoKeys_acceptsEither() {
    DecisionVerifier both = new DecisionVerifier(List.of(POLICY.getPublic(), OTHER.getPublic()));
    DecisionSigner next = new DecisionSigner(OTHER.getPrivate(), OTHER.getPublic());

    assertThat(both.rejection(signer.sign(SampleEvents.policyDecision()))).isEmpty();
    assertThat(both.rejection(next.sign(SampleEvents.policyDecision()))).isEmpty();
    assertThat(both.keyIds())
        .containsExactlyInAnyOrder(
            DecisionKeys.keyIdHex(POLICY.getPublic()), DecisionKeys.keyIdHex(OTHER.getPublic()));
  }

  @Test
  void noAuthenticator_isRejected() {
    PolicyDecision decision = SampleEvents.policyDecision();
    decision.setAuthenticator(null);

    assertThat(verifier.rejection(decision))
        .hasValue(
            "decision 10000000-0000-4000-8000-000000000002 is not authenticated: no authenticator");
  }

  @Test
  void malformedAuthenticator_isRejectedSayingWhy() {
    PolicyDecision decision = SampleEvents.policyDecision(); // authenticator "mac"

    assertThat(verifier.rejection(decision))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith(
                        "decision 10000000-0000-4000-8000-000000000002 is not authenticated:"
                            + " malformed authenticator (unknown version 109"));

    byte[] truncated = new byte[40];
    truncated[0] = 1;
    decision.setAuthenticator(ByteBuffer.wrap(truncated));
    assertThat(verifier.rejection(decision))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .endsWith("malformed authenticator (40 bytes, version 1 has 97)"));

    decision.setAuthenticator(ByteBuffer.allocate(0));
    assertThat(verifier.rejection(decision))
        .hasValueSatisfying(
            reason -> assertThat(reason).endsWith("malformed authenticator (it is empty)"));
  }

  @Test
  void unknownKey_isRejectedNamingItsId() {
    DecisionSigner stranger = new DecisionSigner(OTHER.getPrivate(), OTHER.getPublic());
    PolicyDecision forged = stranger.sign(SampleEvents.policyDecision());

    assertThat(verifier.rejection(forged))
        .hasValue(
            "decision 10000000-0000-4000-8000-000000000002 is not authenticated: signed by"
                + " unknown key "
                + DecisionKeys.keyIdHex(OTHER.getPublic()));
  }

  @Test
  void contentChangedAfterSigning_isRejected() {
    PolicyDecision signed = signer.sign(SampleEvents.policyDecision());
    signed.getImages().get(0).setDigest("sha256:" + "00".repeat(32));

    assertThat(verifier.rejection(signed))
        .hasValue(
            "decision 10000000-0000-4000-8000-000000000002 is not authenticated: signature does"
                + " not verify");
  }

  @Test
  void otherKeysSignatureUnderTrustedKeyId_isRejected() {
    PolicyDecision decision = SampleEvents.policyDecision();
    DecisionAuthenticator real = signer.authenticate(decision);
    DecisionAuthenticator stolenId =
        new DecisionAuthenticator(
            1,
            real.keyId(),
            new DecisionSigner(OTHER.getPrivate(), OTHER.getPublic())
                .authenticate(decision)
                .signature());
    decision.setAuthenticator(stolenId.encode());

    assertThat(verifier.rejection(decision))
        .hasValueSatisfying(reason -> assertThat(reason).endsWith("signature does not verify"));
  }

  @Test
  void signer_publicKeyOfAnotherPair_isRefused() {
    assertThatThrownBy(() -> new DecisionSigner(POLICY.getPrivate(), OTHER.getPublic()))
        .isInstanceOf(DecisionKeyException.class)
        .hasMessageContaining("does not belong to it");
  }

  @Test
  void signerAndVerifier_nonEd25519Keys_areRefused() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();

    assertThatThrownBy(() -> new DecisionSigner(ec.getPrivate(), ec.getPublic()))
        .isInstanceOf(DecisionKeyException.class)
        .hasMessageContaining("not an Ed25519 key");
    assertThatThrownBy(() -> new DecisionVerifier(List.of(ec.getPublic())))
        .isInstanceOf(DecisionKeyException.class)
        .hasMessageContaining("not Ed25519");
  }

  @Test
  void authenticator_encodeThenParse_roundTrips() {
    DecisionAuthenticator authenticator = signer.authenticate(SampleEvents.policyDecision());

    ByteBuffer encoded = authenticator.encode();

    assertThat(encoded.remaining()).isEqualTo(DecisionAuthenticator.LENGTH_V1);
    assertThat(encoded.get(0)).isEqualTo((byte) 1);
    assertThat(DecisionAuthenticator.parse(encoded)).isEqualTo(authenticator);
    assertThat(encoded.remaining()).as("parse does not consume").isEqualTo(97);
    assertThat(authenticator.toString()).contains(authenticator.keyIdHex()).doesNotContain("[B@");
  }
}
