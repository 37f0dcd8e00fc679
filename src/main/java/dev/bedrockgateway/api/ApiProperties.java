package dev.bedrockgateway.api;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API ({@code gateway.api.*}).
 *
 * @param maxBodySize largest request body accepted; larger ones get 413. The default leaves room for a
 *     few base64 images, which Bedrock caps at 3.75 MB each.
 */
@Validated
@ConfigurationProperties("gateway.api")
public record ApiProperties(@NotNull @DefaultValue("20MB") DataSize maxBodySize) {
}
