package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.ModelCatalog;
import dev.bedrockgateway.routing.RoutedModel;
import dev.bedrockgateway.tenant.Tenant;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The one request path every API surface shares for the core chat model: checks the core request, routes the
 * model for the tenant, checks the tenant may use it and has room in its limits, and sends the call upstream,
 * retrying once with the inference profile when Bedrock refuses a direct model ID on demand, so callers never
 * have to learn that error. Every admitted call is settled against its limits when it ends, however it ends.
 */
@Service
public class ChatService {

    private final ModelGate gate;
    private final ChatBackend backend;
    private final ModelCatalog catalog;

    ChatService(ModelGate gate, ChatBackend backend, ModelCatalog catalog) {
        this.gate = gate;
        this.backend = backend;
        this.catalog = catalog;
    }

    /**
     * Answers a request in full, on the calling thread.
     *
     * @throws GatewayException for routing, permission and upstream errors
     */
    public ChatResponse converse(ChatCall call, ChatRequest asked) {
        return SettledCall.run(call, asked.modelId(), settled -> {
            Upstream route = route(call, asked);
            ChatRequest request = prepared(call, asked, route, false);
            settled.admitted(admit(call, request, route));
            ChatResponse response = gate.send(
                    call, asked.modelId(), route, (target, modelId) -> backend.converse(target, modelId, request));
            call.usage(response.usage());
            return response;
        });
    }

    /** Asks the tenant's limits for the call; throws the refusal, after reporting the limits to the call. */
    private Metering admit(ChatCall call, ChatRequest request, Upstream route) {
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
        Integer maxTokens = config == null ? null : config.maxTokens();
        return gate.admit(
                call,
                request.modelId(),
                route,
                defaultMax -> inputEstimate.getAsLong() + (maxTokens == null ? defaultMax : maxTokens),
                inputEstimate);
    }

    /**
     * Streams an answer. Routing and permission errors fail at once (thrown, so the caller gets a normal
     * error response); upstream errors reach the listener. An on-demand refusal before the first event is
     * retried with the inference profile, as for {@link #converse}.
     */
    public ChatStream converseStream(ChatCall call, ChatRequest asked, ChatStreamListener caller) {
        call.requested(asked.modelId(), true);
        Upstream route;
        ChatRequest request;
        Metering metering;
        try {
            route = route(call, asked);
            request = prepared(call, asked, route, true);
            metering = admit(call, request, route);
        } catch (GatewayException e) {
            call.failed(e);
            throw e;
        }
        return gate.stream(
                call,
                asked.modelId(),
                route,
                metering,
                (target, modelId, events) -> backend.converseStream(target, modelId, request, events),
                caller);
    }

    /** The request as the routed model takes it, once checked against what the model can do. */
    private ChatRequest prepared(ChatCall call, ChatRequest asked, Upstream route, boolean streaming) {
        String model = route.bedrockModelId();
        ModelCapabilities can = catalog.capabilities(model);
        CapabilityCheck.check(asked, model, can, streaming);
        String tier = ServiceTierChoice.of(asked.serviceTier(), call.tenant().serviceTier(), model, can);
        call.serviceTier(tier);
        return ExtendedThinking.apply(asked, model, can).withServiceTier(tier);
    }

    private Upstream route(ChatCall call, ChatRequest request) {
        if (request.messages().isEmpty()) {
            throw GatewayException.invalid("messages", "messages must contain at least one message");
        }
        MediaLimits.check(request);
        return gate.route(call, request.modelId());
    }

    /** What the model behind a Bedrock model ID can do, or null when the catalog does not know it. */
    public @Nullable ModelCapabilities capabilities(String bedrockModelId) {
        return catalog.capabilities(bedrockModelId);
    }

    /** The models the tenant can ask for, with where each routes. */
    public List<RoutedModel> models(Tenant tenant) {
        return gate.models(tenant);
    }
}
