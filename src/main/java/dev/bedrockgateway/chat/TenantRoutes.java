package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelRoute;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.routing.RoutedModel;
import dev.bedrockgateway.routing.RoutingContext;
import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.Tenant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing for a tenant's call: a model routed for one of its AWS targets (that target's region decides the
 * geography), checked against the tenant's allowed models. A first choice the tenant may not use is refused; a
 * fallback it may not use, or whose route leaves its geographies, is skipped.
 */
final class TenantRoutes {

    private static final Logger log = LoggerFactory.getLogger(TenantRoutes.class);

    private final ModelRoutingService routing;
    private final ChatBackend regions;

    TenantRoutes(ModelRoutingService routing, ChatBackend regions) {
        this.routing = routing;
        this.regions = regions;
    }

    /**
     * Chooses the call's first target among its tenant's ({@link Targets}), routes the model there and checks the
     * tenant may use it.
     */
    Upstream first(ChatCall call, String requested) {
        AwsTarget target = Targets.first(call.tenant());
        ModelRoute route = routing.route(requested, context(call.tenant(), target));
        requireAllowed(call.tenant(), requested, route.bedrockModelId());
        call.routed(route.bedrockModelId(), route.rules());
        call.targeted(target);
        return new Upstream(target, route);
    }

    /** A model routed for a target like a first choice, or null (logged) when the tenant may not use it there. */
    @Nullable ModelRoute fallback(ChatCall call, String model, AwsTarget target) {
        Tenant tenant = call.tenant();
        try {
            ModelRoute route = routing.route(model, context(tenant, target));
            if (tenant.allowsModel(model, route.bedrockModelId())) {
                return route;
            }
            log.debug("{} skipped for tenant '{}': not in its allowed models", model, tenant.id());
        } catch (GatewayException outside) {
            log.debug("{} skipped for tenant '{}': {}", model, tenant.id(), outside.getMessage());
        }
        return null;
    }

    /** The models the tenant can ask for, with where each routes from its first target. */
    List<RoutedModel> models(Tenant tenant) {
        return routing.models(context(tenant, tenant.targets().get(0))).stream()
                .filter(model -> tenant.allowsModel(model.name(), model.bedrockModelId()))
                .toList();
    }

    private RoutingContext context(Tenant tenant, AwsTarget target) {
        return new RoutingContext(regions.region(target), tenant.geography(), tenant.allowedGeographies());
    }

    private static void requireAllowed(Tenant tenant, String requested, String bedrockModelId) {
        if (!tenant.allowsModel(requested, bedrockModelId)) {
            throw new GatewayException(
                    ErrorKind.PERMISSION_DENIED,
                    "Tenant '" + tenant.id() + "' may not use model '" + requested + "'; allowed: "
                            + tenant.allowedModelGlobs(),
                    "model",
                    null);
        }
    }
}
