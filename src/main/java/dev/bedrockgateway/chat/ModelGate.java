package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.limits.Permit;
import dev.bedrockgateway.limits.TenantLimiter;
import dev.bedrockgateway.routing.FallbackChains;
import dev.bedrockgateway.routing.ModelRoute;
import dev.bedrockgateway.routing.ModelRoutingService;
import dev.bedrockgateway.routing.OnDemandRefusal;
import dev.bedrockgateway.routing.RetryProperties;
import dev.bedrockgateway.routing.RetryReason;
import dev.bedrockgateway.routing.RoutedModel;
import dev.bedrockgateway.routing.RoutingContext;
import dev.bedrockgateway.tenant.Tenant;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.springframework.stereotype.Component;

/**
 * What every call goes through whatever its body's format, so each operation of the core ({@link ChatService}
 * for the core model, {@link InvokeService} for providers' own bodies) is only its own translation: routing
 * for the tenant, its allow-list, its limits, and the retry with the inference profile when Bedrock refuses a
 * direct model ID on demand, and the retries and fallbacks of {@code gateway.routing.retry} and
 * {@code gateway.routing.fallbacks}.
 */
@Component
class ModelGate {

    private final ModelRoutingService routing;
    private final ChatBackend regions;
    private final TenantLimiter limiter;
    private final RetryProperties retry;
    private final FallbackChains chains;
    private final ModelBreakers breakers;

    ModelGate(
            ModelRoutingService routing,
            ChatBackend regions,
            TenantLimiter limiter,
            RetryProperties retry,
            FallbackChains chains,
            ModelBreakers breakers) {
        this.breakers = breakers;
        this.routing = routing;
        this.regions = regions;
        this.limiter = limiter;
        this.retry = retry;
        this.chains = chains;
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

    /**
     * One call to Bedrock with the call's retries and fallbacks: a failure Bedrock may not repeat
     * ({@link RetryReason}, as {@code gateway.routing.retry.reasons} allows) is tried once more on the same model after
     * a backoff (longer if Bedrock said when to come back), then on each model of the fallback chain that the tenant
     * may use and that routes within its geographies, within {@code max-attempts} and the deadline. Each attempt
     * also heals Bedrock's on-demand refusal of a direct ID. The last failure is the caller's.
     */
    <T> T send(ChatCall call, String requested, ModelRoute first, Function<String, T> attempt) {
        long deadline = System.nanoTime() + retry.deadline().toNanos();
        FallbackRoutes fallbacks = new FallbackRoutes(
                routing, routingContext(call.tenant()), call, chains.after(requested, first.bedrockModelId()));
        ModelRoute route = first;
        int triesOfRoute = 0;
        while (true) {
            triesOfRoute++;
            call.attempted();
            try {
                return healing(call, route, attempt);
            } catch (GatewayException failure) {
                RetryReason reason = RetryReason.of(failure);
                if (reason == null || !retry.retries(reason) || call.attempts() >= retry.maxAttempts()) {
                    throw failure;
                }
                if (triesOfRoute == 1 && !circuitOpen(failure)) {
                    Duration wait = wait(failure);
                    if (System.nanoTime() + wait.toNanos() >= deadline || !sleep(wait)) {
                        throw failure;
                    }
                    continue;
                }
                ModelRoute next = fallbacks.next();
                if (next == null || System.nanoTime() >= deadline) {
                    throw failure;
                }
                call.fellBack(route.bedrockModelId(), next.bedrockModelId(), reason);
                route = next;
                triesOfRoute = 0;
            }
        }
    }

    /** Whether an open breaker refused the attempt: the same model would be refused again, so go on at once. */
    static boolean circuitOpen(GatewayException failure) {
        return RetryReason.CIRCUIT_OPEN.equals(failure.code());
    }

    /** The backoff before the same model again, or Bedrock's own hint when it asks for longer. */
    private Duration wait(GatewayException failure) {
        Duration backoff = retry.backoff().before(1, ThreadLocalRandom.current());
        Duration hint = failure.retryAfter();
        return hint != null && hint.compareTo(backoff) > 0 ? hint : backoff;
    }

    /** Waits on the request's (virtual) thread; false when interrupted, which ends the retries. */
    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One attempt, sent again with the inference profile if Bedrock refuses the direct ID on demand. */
    private <T> T healing(ChatCall call, ModelRoute route, Function<String, T> attempt) {
        CircuitBreaker breaker = breakers.of(call.tenant(), route.bedrockModelId());
        ModelBreakers.acquire(breaker, route.bedrockModelId());
        long start = System.nanoTime();
        try {
            T answer = attempt.apply(route.bedrockModelId());
            ModelBreakers.record(breaker, start, null);
            return answer;
        } catch (GatewayException error) {
            ModelBreakers.record(breaker, start, error);
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

    /**
     * Streams an admitted call: its events observed and its limits settled when it ends, is cancelled or fails to
     * start (then thrown, classified).
     */
    ChatStream stream(
            ChatCall call,
            String requested,
            ModelRoute route,
            Metering metering,
            StreamStart start,
            ChatStreamListener caller) {
        try {
            return settledOnCancel(
                    start(call, requested, route, start, new ObservedStream(call, caller, metering)), metering);
        } catch (RuntimeException e) {
            GatewayException error = classified(e);
            call.failed(error);
            metering.run();
            throw error;
        }
    }

    /**
     * Starts a stream with the call's retries and fallbacks before its first event ({@link RetryingStream}); each
     * attempt heals an on-demand refusal of a direct ID.
     */
    private ChatStream start(
            ChatCall call, String requested, ModelRoute route, StreamStart start, ChatStreamListener listener) {
        FallbackRoutes fallbacks = new FallbackRoutes(
                routing, routingContext(call.tenant()), call, chains.after(requested, route.bedrockModelId()));
        return new RetryingStream(
                        call,
                        route,
                        listener,
                        (attempt, events) -> healing(call, attempt, start, events),
                        fallbacks::next,
                        this::wait,
                        retry)
                .begin();
    }

    /** One stream attempt; an on-demand refusal before its first event starts it again with the profile. */
    private ChatStream healing(ChatCall call, ModelRoute route, StreamStart start, ChatStreamListener events) {
        CircuitBreaker breaker = breakers.of(call.tenant(), route.bedrockModelId());
        ModelBreakers.acquire(breaker, route.bedrockModelId());
        ChatStreamListener listener = breaker == null ? events : new ModelBreakers.Recording(breaker, events);
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
