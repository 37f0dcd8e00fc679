package dev.bedrockgateway.chat;

import dev.bedrockgateway.routing.ModelRoute;
import dev.bedrockgateway.tenant.AwsTarget;

/**
 * Where one attempt of a call goes: one of the tenant's AWS targets, and the model routed for that target's region.
 *
 * @param target the tenant's AWS identity and region
 * @param route the model as routed there
 */
record Upstream(AwsTarget target, ModelRoute route) {

    String bedrockModelId() {
        return route.bedrockModelId();
    }
}
