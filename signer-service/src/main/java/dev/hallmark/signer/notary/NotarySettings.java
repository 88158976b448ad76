package dev.hallmark.signer.notary;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where signer-service reads the published Notary v1 trust data before it signs a {@code
 * targets/releases} document, under {@code hallmark.notary}. The same keys as registry-publisher's,
 * so one environment configures both.
 *
 * @param url the Notary server ({@code HALLMARK_NOTARY_URL}); unset: {@code POST
 *     /api/v1/notary/signatures} answers 503
 * @param trustPinning JSON file {@code {"<gun>":["<root key id>"]}} ({@code
 *     HALLMARK_NOTARY_TRUST_PINNING}), read at every request; a GUN without an entry is not trusted
 * @param maxValidity how far in the future a signed {@code targets/releases} may expire ({@code
 *     HALLMARK_NOTARY_MAX_VALIDITY}); default 3 years (1095 days, the notary client's default)
 */
@ConfigurationProperties("hallmark.notary")
public record NotarySettings(
    @Nullable URI url,
    @Nullable Path trustPinning,
    @Bindable(defaultValue = "1095d") @NotNull Duration maxValidity) {

  public boolean configured() {
    return url != null && trustPinning != null;
  }
}
