package dev.hallmark.notary;

/**
 * One entry of a role file's {@code signatures}: which key, which method ({@code ecdsa}, {@code
 * eddsa}, {@code rsapss}), and the signature bytes.
 */
public record RoleSignature(String keyId, String method, byte[] signature) {}
