/**
 * Authenticated policy decisions (docs/decisions/0006-authenticated-decisions.md): the bytes
 * policy-service signs for a {@code PolicyDecision} ({@link
 * dev.hallmark.schemas.auth.DecisionContent}), the {@code authenticator} field that carries the
 * signature ({@link dev.hallmark.schemas.auth.DecisionAuthenticator}), signing ({@link
 * dev.hallmark.schemas.auth.DecisionSigner}, policy-service) and verifying ({@link
 * dev.hallmark.schemas.auth.DecisionVerifier}, signer-service and intake-service) with Ed25519 keys
 * read from PEM files ({@link dev.hallmark.schemas.auth.DecisionKeys}; the trusted public keys of a
 * verifying service: {@link dev.hallmark.schemas.auth.TrustedDecisionKeyFiles}). JDK cryptography
 * only.
 */
package dev.hallmark.schemas.auth;
