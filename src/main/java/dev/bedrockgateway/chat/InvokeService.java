package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.Geographies;
import dev.bedrockgateway.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The request path for bodies in the provider's own JSON (Bedrock's InvokeModel wire, and Anthropic Messages
 * for Claude): the same routing, allow-list, limits, self-healing and accounting as {@link ChatService}, but the
 * body goes to Bedrock byte for byte and its answer comes back the same way. Usage is read from Bedrock's token
 * count headers, or from the provider's own events on a stream.
 */
@Service
public class InvokeService {

    private final ModelGate gate;
    private final InvokeBackend backend;

    InvokeService(ModelGate gate, InvokeBackend backend) {
        this.gate = gate;
        this.backend = backend;
    }

    /**
     * Answers an InvokeModel call in full, on the calling thread.
     *
     * @throws GatewayException for routing, permission, limit and upstream errors
     */
    public InvokeResponse invoke(ChatCall call, InvokeRequest request) {
        return SettledCall.run(call, request.modelId(), settled -> {
            Upstream route = gate.route(call, request.modelId());
            settled.admitted(admit(call, request, route));
            InvokeResponse response = gate.send(
                    call, request.modelId(), route, (target, modelId) -> backend.invoke(target, modelId, request));
            TokenUsage usage = response.usage();
            if (usage == null) {
                usage = InvokeUsage.ofAnthropicAnswer(response.body());
            }
            if (usage != null) {
                call.usage(usage);
            }
            return response;
        });
    }

    /**
     * Streams an InvokeModelWithResponseStream answer: each of Bedrock's chunks reaches the caller as a
     * {@link ChatStreamEvent.Chunk}, unchanged. Routing, permission and limit errors are thrown; upstream errors
     * reach the listener.
     */
    public ChatStream invokeStream(ChatCall call, InvokeRequest request, ChatStreamListener caller) {
        call.requested(request.modelId(), true);
        Upstream route;
        Metering metering;
        try {
            route = gate.route(call, request.modelId());
            metering = admit(call, request, route);
        } catch (GatewayException e) {
            call.failed(e);
            throw e;
        }
        return gate.stream(
                call,
                request.modelId(),
                route,
                metering,
                (target, modelId, events) -> backend.invokeStream(target, modelId, request, events),
                caller);
    }

    /**
     * Counts an InvokeModel body's input tokens for the model, routed and checked against the tenant's
     * allow-list like a call. Not metered: Bedrock's CountTokens costs nothing and uses no quota.
     *
     * @throws GatewayException for routing, permission and upstream errors
     */
    public int countTokens(Tenant tenant, InvokeRequest request) {
        Upstream route = gate.route(new ChatCall(tenant, System.nanoTime()), request.modelId());
        return backend.countTokens(route.target(), Geographies.baseModelId(route.bedrockModelId()), request.body());
    }

    private Metering admit(ChatCall call, InvokeRequest request, Upstream route) {
        // The body is read at most once, and only when a token limit needs the estimate.
        Lazy estimate = new Lazy(request.body());
        return gate.admit(
                call,
                request.modelId(),
                route,
                defaultMax -> estimate.get().total(defaultMax),
                () -> estimate.get().inputTokens());
    }

    /** The body's estimate, made on first use. */
    private static final class Lazy {

        private final byte[] body;
        private InvokeEstimate.@Nullable Tokens tokens;

        Lazy(byte[] body) {
            this.body = body;
        }

        InvokeEstimate.Tokens get() {
            InvokeEstimate.Tokens made = tokens;
            if (made == null) {
                made = InvokeEstimate.of(body);
                tokens = made;
            }
            return made;
        }
    }
}
