package dev.bedrockgateway.routing;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a request goes.
 *
 * @param bedrockModelId the model ID Bedrock receives
 * @param selfHealModelId the inference profile to retry with if Bedrock refuses {@code bedrockModelId}
 *     for on-demand throughput; null when the ID is not a direct one or no geography applies
 * @param rules the rewrites that produced {@code bedrockModelId}
 */
public record ModelRoute(String bedrockModelId, @Nullable String selfHealModelId, Set<RoutingRule> rules) {

    public ModelRoute {
        rules = Set.copyOf(rules);
    }
}
