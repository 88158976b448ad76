package dev.hallmark.intake.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A row of {@code intake.signing_request_image}: one image of a request, by digest. */
@MappedEntity("signing_request_image")
public record ImageRow(
    @Id @GeneratedValue @Nullable Long id,
    UUID requestId,
    int position,
    String registry,
    String repository,
    String digest,
    String tags) {

  public List<String> tagList() {
    return tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
  }
}
