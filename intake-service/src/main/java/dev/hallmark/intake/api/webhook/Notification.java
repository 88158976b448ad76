package dev.hallmark.intake.api.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A Docker distribution notification envelope (distribution {@code notifications/event.go}).
 * Registries add fields over time, so unknown ones are ignored here.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notification(@Nullable List<Event> events) {

  /** One registry event. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Event(
      @Nullable String id,
      @Nullable String action,
      @Nullable Target target,
      @Nullable Request request) {}

  /** What the event is about; {@code tag} is set only for pushes by tag. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Target(
      @Nullable String mediaType,
      @Nullable String digest,
      @Nullable String repository,
      @Nullable String tag) {}

  /** The HTTP request that caused the event. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Request(@Nullable String host, @Nullable String addr) {}
}
