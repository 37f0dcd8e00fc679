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
import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.Tenant;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
    private final TenantRoutes routes;
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
        this.routes = new TenantRoutes(routing, regions);
        this.limiter = limiter;
        this.retry = retry;
        this.chains = chains;
    }

    /** The call's first target and the model routed there, which the tenant may use (else thrown). */
    Upstream route(ChatCall call, String requested) {
        return routes.first(call, requested);
    }

    /**
     * Asks the tenant's limits for the call; throws the refusal, after reporting the limits to the call.
     *
     * @param estimate the tokens the call may use, given the output limit to assume; asked only when needed
     * @param inputEstimate its input alone, for settling a stream cut short
     */
    Metering admit(
            ChatCall call, String requested, Upstream first, LongUnaryOperator estimate, LongSupplier inputEstimate) {
        Permit permit = limiter.admit(call.tenant(), requested, first.bedrockModelId(), estimate);
        call.limited(permit.report());
        GatewayException refusal = permit.refusal();
        if (refusal != null) {
            throw refusal;
        }
        return new Metering(call, permit, first.bedrockModelId(), inputEstimate);
    }

    /**
     * One call to Bedrock with the call's retries and fallbacks ({@link Attempts}); each attempt also heals Bedrock's
     * on-demand refusal of a direct ID. The last failure is the caller's.
     */
    <T> T send(ChatCall call, String requested, Upstream first, Attempt<T> attempt) {
        // Made at the first failure: a call that succeeds at once (nearly all) pays nothing for the plan.
        Attempts attempts = null;
        Upstream upstream = first;
        while (true) {
            try {
                return healing(call, upstream, attempt);
            } catch (GatewayException failure) {
                if (attempts == null) {
                    attempts = attempts(call, requested, first);
                }
                Attempts.Next next = attempts.next(failure);
                if (next == null || !sleep(next.delay())) {
                    throw failure;
                }
                upstream = next.upstream();
            }
        }
    }

    private Attempts attempts(ChatCall call, String requested, Upstream first) {
        return new Attempts(
                call,
                retry,
                this::wait,
                (model, target) -> routes.fallback(call, model, target),
                requested,
                first,
                chains.after(requested, first.bedrockModelId()),
                call.startNanos() + retry.deadline().toNanos());
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
        if (wait.isZero()) {
            return true;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * One attempt, sent again with the inference profile if Bedrock refuses the direct ID on demand. One its open
     * breaker refuses is not sent, so it does not count as an attempt.
     */
    private <T> T healing(ChatCall call, Upstream upstream, Attempt<T> attempt) {
        ModelRoute route = upstream.route();
        AwsTarget target = upstream.target();
        CircuitBreaker breaker = breakers.of(target, route.bedrockModelId());
        ModelBreakers.acquire(breaker, route.bedrockModelId());
        call.attempted();
        long start = System.nanoTime();
        try {
            T answer = attempt.send(target, route.bedrockModelId());
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
                response = attempt.send(target, healTo);
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
            Upstream first,
            Metering metering,
            StreamStart start,
            ChatStreamListener caller) {
        try {
            return settledOnCancel(
                    start(call, requested, first, start, new ObservedStream(call, caller, metering)), metering);
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
            ChatCall call, String requested, Upstream first, StreamStart start, ChatStreamListener listener) {
        return new RetryingStream(
                        attempts(call, requested, first),
                        listener,
                        (upstream, events) -> healing(call, upstream, start, events),
                        retry.firstEventTimeout())
                .begin();
    }

    /** One stream attempt; an on-demand refusal before its first event starts it again with the profile. */
    private ChatStream healing(ChatCall call, Upstream upstream, StreamStart start, ChatStreamListener events) {
        ModelRoute route = upstream.route();
        AwsTarget target = upstream.target();
        CircuitBreaker breaker = breakers.of(target, route.bedrockModelId());
        ModelBreakers.acquire(breaker, route.bedrockModelId());
        call.attempted();
        ChatStreamListener listener = breaker == null ? events : new ModelBreakers.Recording(breaker, events);
        String healTo = route.selfHealModelId();
        if (healTo == null) {
            return start.start(target, route.bedrockModelId(), listener);
        }
        SelfHealingStream stream = new SelfHealingStream(
                listener,
                route.bedrockModelId(),
                healTo,
                failed -> start.start(target, healTo, new ChatStreamListener() {
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
        stream.start(start.start(target, route.bedrockModelId(), stream));
        return stream;
    }

    /** The models the tenant can ask for, with where each routes. */
    List<RoutedModel> models(Tenant tenant) {
        return routes.models(tenant);
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

    /** Sends one attempt to a target under a given model ID. */
    @FunctionalInterface
    interface Attempt<T> {
        T send(AwsTarget target, String bedrockModelId);
    }

    /** Starts one upstream stream at a target under a given model ID. */
    @FunctionalInterface
    interface StreamStart {
        ChatStream start(AwsTarget target, String bedrockModelId, ChatStreamListener listener);
    }
}
