package dev.bedrockgateway.api;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API ({@code gateway.api.*}).
 *
 * @param maxBodySize largest request body accepted; larger ones get 413. The default leaves room for a
 *     few base64 images, which Bedrock caps at 3.75 MB each.
 * @param maxBodyDrain how much more than {@code maxBodySize} of a refused request's body is still read and
 *     discarded, so that a client that sends its whole body before reading (as Python's http.client does) reads the
 *     refusal rather than a broken pipe; a longer body gets the refusal with {@code Connection: close}, unread
 * @param streamKeepAlive silence after which a server-sent-event stream gets a comment line, so proxies
 *     and load balancers do not close a stream while the model thinks; zero turns them off
 */
@Validated
@ConfigurationProperties("gateway.api")
public record ApiProperties(
        @NotNull @DefaultValue("20MB") DataSize maxBodySize,
        @NotNull @DefaultValue("16MB") DataSize maxBodyDrain,
        @NotNull @DefaultValue("15s") Duration streamKeepAlive) {}
