package dev.bedrockgateway.observability;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read management endpoints other than health when they share the API port. With a separate
 * {@code management.server.port} (as the Helm chart sets it) they are not on the API port at all and these
 * settings do not apply.
 *
 * @param token a bearer token that unlocks them on the API port; stored as given or as {@code sha256:<hex>}
 * @param openOnApiPort whether they are open to anyone on the API port: for a developer's machine only
 */
@ConfigurationProperties("gateway.management")
public record ManagementProperties(
        @Nullable String token, @DefaultValue("false") boolean openOnApiPort) {}
