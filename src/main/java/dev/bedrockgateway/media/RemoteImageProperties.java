package dev.bedrockgateway.media;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Whether and from where the gateway fetches images that callers name by {@code http(s)} URL. Off by
 * default: a gateway that fetches any URL lets every caller probe the network it runs in (SSRF).
 *
 * @param allowedHosts hosts to fetch from, exactly ({@code images.example.com}) or by suffix
 *     ({@code *.example.com}); empty refuses every remote URL
 * @param maxSize largest image fetched; Bedrock's own limit is 3.75 MB
 * @param timeout how long one fetch may take, connection included
 * @param allowPrivateAddresses whether an allowed host may resolve to a loopback or private address; link-local
 *     addresses (cloud metadata endpoints) are refused regardless
 */
@Validated
@ConfigurationProperties("gateway.media.remote-images")
public record RemoteImageProperties(
        @NotNull @DefaultValue List<String> allowedHosts,
        @NotNull @DefaultValue("3750KB") DataSize maxSize,
        @NotNull @DefaultValue("10s") Duration timeout,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    /** Whether the host is on the allow list. */
    boolean allows(String host) {
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        return allowedHosts.stream()
                .map(allowed -> allowed.toLowerCase(java.util.Locale.ROOT))
                .anyMatch(allowed ->
                        allowed.startsWith("*.") ? lower.endsWith(allowed.substring(1)) : lower.equals(allowed));
    }
}
