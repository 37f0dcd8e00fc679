package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelRoute;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.routing.RoutingContext;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of one call's fallback chain, each routed like a first choice, in order; one the tenant may not use,
 * or whose route leaves its geographies, is skipped and never tried. Used by one attempt at a time.
 */
final class FallbackRoutes {

    private static final Logger log = LoggerFactory.getLogger(FallbackRoutes.class);

    private final ModelRoutingService routing;
    private final RoutingContext context;
    private final ChatCall call;
    private final List<String> chain;
    private int next;

    FallbackRoutes(ModelRoutingService routing, RoutingContext context, ChatCall call, List<String> chain) {
        this.routing = routing;
        this.context = context;
        this.call = call;
        this.chain = chain;
    }

    /** The next usable model's route, now the call's, or null when the chain is spent. */
    @Nullable ModelRoute next() {
        while (next < chain.size()) {
            String model = chain.get(next++);
            try {
                ModelRoute route = routing.route(model, context);
                if (call.tenant().allowsModel(model, route.bedrockModelId())) {
                    call.routed(route.bedrockModelId(), route.rules());
                    return route;
                }
                log.debug(
                        "Fallback {} skipped: tenant '{}' may not use it",
                        model,
                        call.tenant().id());
            } catch (GatewayException outside) {
                log.debug(
                        "Fallback {} skipped for tenant '{}': {}",
                        model,
                        call.tenant().id(),
                        outside.getMessage());
            }
        }
        return null;
    }
}
