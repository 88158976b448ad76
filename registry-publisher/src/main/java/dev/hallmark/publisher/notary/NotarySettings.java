package dev.hallmark.publisher.notary;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how registry-publisher publishes Docker Content Trust data, under {@code
 * hallmark.notary}. An unreachable server or signer, a version conflict or a stale proposal is
 * retried like every retryable publication failure ({@code hallmark.publisher.retry}).
 *
 * @param url the Notary server ({@code HALLMARK_NOTARY_URL}); unset: NOTARY publications fail
 * @param trustPinning JSON file {@code {"<gun>":["<root key id>"]}} ({@code
 *     HALLMARK_NOTARY_TRUST_PINNING}); a GUN without an entry is not trusted
 * @param signerUrl signer-service, which signs the {@code targets/releases} documents built here
 *     ({@code HALLMARK_NOTARY_SIGNER_URL}); default {@code http://127.0.0.1:8082}
 * @param validity how long a new {@code targets/releases} is valid; default 3 years (1095 days, the
 *     notary client's default), and at most signer-service's {@code max-validity}
 */
@ConfigurationProperties("hallmark.notary")
public record NotarySettings(
    @Nullable URI url,
    @Nullable Path trustPinning,
    @Bindable(defaultValue = "http://127.0.0.1:8082") @NotNull URI signerUrl,
    @Bindable(defaultValue = "1095d") @NotNull Duration validity) {

  public boolean configured() {
    return url != null && trustPinning != null;
  }
}
