package dev.hallmark.intake.projects;

import java.net.URI;

/**
 * An identity-token issuer a signing policy trusts ({@code origin.issuers} of the policy).
 *
 * @param issuer the tokens' {@code iss}, compared exactly
 * @param jwksUrl where the issuer's signing keys (a JWK set) are fetched
 * @param audience the value the tokens' {@code aud} must contain
 */
public record TrustedIssuer(String issuer, URI jwksUrl, String audience) {}
