package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.limits.Permit;
import dev.bedrockgateway.limits.TenantLimiter;
import dev.bedrockgateway.routing.ModelRoute;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.routing.OnDemandRefusal;
import dev.bedrockgateway.routing.RoutedModel;
import dev.bedrockgateway.routing.RoutingContext;
import dev.bedrockgateway.tenant.Tenant;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * What every call goes through whatever its body's format, so each operation of the core ({@link ChatService}
 * for the core model, {@link InvokeService} for providers' own bodies) is only its own translation: routing
 * for the tenant, its allow-list, its limits, and the retry with the inference profile when Bedrock refuses a
 * direct model ID on demand.
 */
final class ModelGate {

    private final ModelRoutingService routing;
    private final ChatBackend regions;
    private final TenantLimiter limiter;

    ModelGate(ModelRoutingService routing, ChatBackend regions, TenantLimiter limiter) {
        this.routing = routing;
        this.regions = regions;
        this.limiter = limiter;
    }

    /** Routes the model for the call's tenant and checks the tenant may use it. */
    ModelRoute route(ChatCall call, String requested) {
        ModelRoute route = routing.route(requested, routingContext(call.tenant()));
        requireAllowed(call.tenant(), requested, route.bedrockModelId());
        call.routed(route.bedrockModelId(), route.rules());
        return route;
    }

    /**
     * Asks the tenant's limits for the call; throws the refusal, after reporting the limits to the call.
     *
     * @param estimate the tokens the call may use, given the output limit to assume; asked only when needed
     * @param inputEstimate its input alone, for settling a stream cut short
     */
    Metering admit(
            ChatCall call, String requested, ModelRoute route, LongUnaryOperator estimate, LongSupplier inputEstimate) {
        Permit permit = limiter.admit(call.tenant(), requested, route.bedrockModelId(), estimate);
        call.limited(permit.report());
        GatewayException refusal = permit.refusal();
        if (refusal != null) {
            throw refusal;
        }
        return new Metering(call, permit, route.bedrockModelId(), inputEstimate);
    }

    /** One call to Bedrock, sent again with the inference profile if Bedrock refuses the direct ID on demand. */
    <T> T send(ChatCall call, ModelRoute route, Function<String, T> attempt) {
        try {
            return attempt.apply(route.bedrockModelId());
        } catch (GatewayException error) {
            String healTo = route.selfHealModelId();
            if (healTo == null || !OnDemandRefusal.matches(error)) {
                throw error;
            }
            T response;
            try {
                response = attempt.apply(healTo);
            } catch (RuntimeException retryFailure) {
                routing.rememberSelfHeal(route, false);
                // The profile does not serve either: Bedrock's original advice is the useful one.
                throw error;
            }
            routing.rememberSelfHeal(route, true);
            call.selfHealed(healTo);
            return response;
        }
    }

    /** Starts a stream; an on-demand refusal before its first event starts it again with the profile. */
    ChatStream start(ChatCall call, ModelRoute route, StreamStart start, ChatStreamListener listener) {
        String healTo = route.selfHealModelId();
        if (healTo == null) {
            return start.start(route.bedrockModelId(), listener);
        }
        SelfHealingStream stream = new SelfHealingStream(
                listener,
                route.bedrockModelId(),
                healTo,
                failed -> start.start(healTo, new ChatStreamListener() {
                    @Override
                    public void onEvent(ChatStreamEvent event) {
                        listener.onEvent(event);
                    }

                    @Override
                    public void onError(GatewayException error) {
                        routing.rememberSelfHeal(route, false);
                        listener.onError(failed);
                    }

                    @Override
                    public void onComplete() {
                        routing.rememberSelfHeal(route, true);
                        call.selfHealed(healTo);
                        listener.onComplete();
                    }
                }));
        stream.start(start.start(route.bedrockModelId(), stream));
        return stream;
    }

    /** The models the tenant can ask for, with where each routes. */
    List<RoutedModel> models(Tenant tenant) {
        return routing.models(routingContext(tenant)).stream()
                .filter(model -> tenant.allowsModel(model.name(), model.bedrockModelId()))
                .toList();
    }

    /** A stream that, cancelled by its caller, also settles the call (the upstream will say nothing more). */
    static ChatStream settledOnCancel(ChatStream upstream, Metering metering) {
        return new ChatStream() {
            @Override
            public String bedrockModelId() {
                return upstream.bedrockModelId();
            }

            @Override
            public void cancel() {
                try {
                    upstream.cancel();
                } finally {
                    metering.run();
                }
            }
        };
    }

    static GatewayException classified(RuntimeException failure) {
        return failure instanceof GatewayException gateway
                ? gateway
                : new GatewayException(ErrorKind.INTERNAL, "The gateway failed to call Bedrock");
    }

    private RoutingContext routingContext(Tenant tenant) {
        return new RoutingContext(regions.region(tenant), tenant.geography(), tenant.allowedGeographies());
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

    /** Starts one upstream stream under a given model ID. */
    @FunctionalInterface
    interface StreamStart {
        ChatStream start(String bedrockModelId, ChatStreamListener listener);
    }
}
