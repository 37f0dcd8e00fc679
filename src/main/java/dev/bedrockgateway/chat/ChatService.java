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
import java.util.function.LongSupplier;
import org.springframework.stereotype.Service;

/**
 * The one request path every API surface shares: checks the core request, routes the model for the
 * tenant, checks the tenant may use it and has room in its limits, and sends the call upstream, retrying
 * once with the inference profile when Bedrock refuses a direct model ID on demand, so callers never have to
 * learn that error. Every admitted call is settled against its limits when it ends, however it ends.
 */
@Service
public class ChatService {

    private final ModelRoutingService routing;
    private final ChatBackend backend;
    private final TenantLimiter limiter;

    ChatService(ModelRoutingService routing, ChatBackend backend, TenantLimiter limiter) {
        this.routing = routing;
        this.backend = backend;
        this.limiter = limiter;
    }

    /**
     * Answers a request in full, on the calling thread.
     *
     * @throws GatewayException for routing, permission and upstream errors
     */
    public ChatResponse converse(ChatCall call, ChatRequest asked) {
        Metering metering = null;
        try {
            call.requested(asked.modelId(), false);
            ModelRoute route = route(call, asked);
            ChatRequest request = ExtendedThinking.apply(asked, route.bedrockModelId());
            metering = admit(call, request, route);
            ChatResponse response = send(call, route, request);
            call.usage(response.usage());
            metering.run();
            return response;
        } catch (RuntimeException e) {
            GatewayException error = classified(e);
            call.failed(error);
            if (metering != null) {
                metering.run();
            }
            throw error;
        }
    }

    /** Asks the tenant's limits for the call; throws the refusal, after reporting the limits to the call. */
    private Metering admit(ChatCall call, ChatRequest request, ModelRoute route) {
        LongSupplier inputEstimate = new LongSupplier() {
            private long estimate = -1;

            @Override
            public long getAsLong() {
                if (estimate < 0) {
                    estimate = TokenEstimate.input(request);
                }
                return estimate;
            }
        };
        InferenceConfig config = request.inferenceConfig();
        Permit permit = limiter.admit(
                call.tenant(),
                request.modelId(),
                route.bedrockModelId(),
                inputEstimate,
                config == null ? null : config.maxTokens());
        call.limited(permit.report());
        GatewayException refusal = permit.refusal();
        if (refusal != null) {
            throw refusal;
        }
        return new Metering(call, permit, route.bedrockModelId(), inputEstimate);
    }

    private ChatResponse send(ChatCall call, ModelRoute route, ChatRequest request) {
        try {
            return backend.converse(call.tenant(), route.bedrockModelId(), request);
        } catch (GatewayException error) {
            if (route.selfHealModelId() == null || !OnDemandRefusal.matches(error)) {
                throw error;
            }
            ChatResponse response;
            try {
                response = backend.converse(call.tenant(), route.selfHealModelId(), request);
            } catch (RuntimeException retryFailure) {
                routing.rememberSelfHeal(route, false);
                // The profile does not serve either: Bedrock's original advice is the useful one.
                throw error;
            }
            routing.rememberSelfHeal(route, true);
            call.selfHealed(route.selfHealModelId());
            return response;
        }
    }

    /**
     * Streams an answer. Routing and permission errors fail at once (thrown, so the caller gets a normal
     * error response); upstream errors reach the listener. An on-demand refusal before the first event is
     * retried with the inference profile, as for {@link #converse}.
     */
    public ChatStream converseStream(ChatCall call, ChatRequest asked, ChatStreamListener caller) {
        call.requested(asked.modelId(), true);
        ModelRoute route;
        ChatRequest request;
        Metering metering;
        try {
            route = route(call, asked);
            request = ExtendedThinking.apply(asked, route.bedrockModelId());
            metering = admit(call, request, route);
        } catch (GatewayException e) {
            call.failed(e);
            throw e;
        }
        ChatStreamListener listener = new ObservedStream(call, caller, metering);
        try {
            return settledOnCancel(start(call, route, request, listener), metering);
        } catch (RuntimeException e) {
            GatewayException error = classified(e);
            call.failed(error);
            metering.run();
            throw error;
        }
    }

    /** A stream that, cancelled by its caller, also settles the call (the upstream will say nothing more). */
    private static ChatStream settledOnCancel(ChatStream upstream, Metering metering) {
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

    private ChatStream start(ChatCall call, ModelRoute route, ChatRequest request, ChatStreamListener listener) {
        Tenant tenant = call.tenant();
        String healTo = route.selfHealModelId();
        if (healTo == null) {
            return backend.converseStream(tenant, route.bedrockModelId(), request, listener);
        }
        SelfHealingStream stream = new SelfHealingStream(listener, route.bedrockModelId(), healTo, failed -> {
            ChatStream retry = backend.converseStream(tenant, healTo, request, new ChatStreamListener() {
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
            });
            return retry;
        });
        stream.start(backend.converseStream(tenant, route.bedrockModelId(), request, stream));
        return stream;
    }

    private ModelRoute route(ChatCall call, ChatRequest request) {
        if (request.messages().isEmpty()) {
            throw GatewayException.invalid("messages", "messages must contain at least one message");
        }
        MediaLimits.check(request);
        ModelRoute route = routing.route(request.modelId(), routingContext(call.tenant()));
        requireAllowed(call.tenant(), request.modelId(), route.bedrockModelId());
        call.routed(route.bedrockModelId(), route.rules());
        return route;
    }

    /** The models the tenant can ask for, with where each routes. */
    public List<RoutedModel> models(Tenant tenant) {
        return routing.models(routingContext(tenant)).stream()
                .filter(model -> tenant.allowsModel(model.name(), model.bedrockModelId()))
                .toList();
    }

    private RoutingContext routingContext(Tenant tenant) {
        return new RoutingContext(backend.region(tenant), tenant.geography(), tenant.allowedGeographies());
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

    private static GatewayException classified(RuntimeException failure) {
        return failure instanceof GatewayException gateway
                ? gateway
                : new GatewayException(ErrorKind.INTERNAL, "The gateway failed to call Bedrock");
    }
}
