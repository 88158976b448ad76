package dev.hallmark.intake.request;

import dev.hallmark.events.SubmitterKind;
import io.micronaut.core.annotation.Nullable;

/** Who submitted a request: a CI user of the project, or the registry's push webhook. */
public record RequestSubmitter(SubmitterKind kind, String name, @Nullable String remoteAddress) {}
