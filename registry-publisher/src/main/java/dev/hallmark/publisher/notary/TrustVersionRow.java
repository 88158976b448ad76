package dev.hallmark.publisher.notary;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One row of {@code notary_role_version}. */
@MappedEntity("notary_role_version")
public record TrustVersionRow(
    @Id @GeneratedValue Long id, String gun, String rootPin, String role, long version) {}
