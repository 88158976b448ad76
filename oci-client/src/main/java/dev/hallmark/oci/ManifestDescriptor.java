package dev.hallmark.oci;

/**
 * What a registry says a reference points at.
 *
 * @param digest {@code sha256:<hex>} of the manifest bytes as stored
 * @param mediaType the manifest's media type (Content-Type, without parameters)
 * @param size length of the manifest in bytes, -1 if the registry did not say
 */
public record ManifestDescriptor(String digest, String mediaType, long size) {}
