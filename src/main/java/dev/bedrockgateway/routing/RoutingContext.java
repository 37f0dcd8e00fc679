package dev.bedrockgateway.routing;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a model is routed for: the AWS region the call goes to and the caller's geography settings.
 *
 * @param region AWS region of the Bedrock endpoint the call is sent to
 * @param geography the caller's own geography setting, or null to use the gateway's
 * @param allowedGeographies geographies the caller may be routed to; empty means any (data residency)
 */
public record RoutingContext(String region, @Nullable String geography, Set<String> allowedGeographies) {

    public RoutingContext {
        allowedGeographies = Set.copyOf(allowedGeographies);
    }

    boolean allows(String geography) {
        return allowedGeographies.isEmpty() || allowedGeographies.contains(geography);
    }
}
