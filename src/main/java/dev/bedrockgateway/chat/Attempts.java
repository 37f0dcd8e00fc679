package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.ModelRoute;
import dev.bedrockgateway.routing.RetryProperties;
import dev.bedrockgateway.routing.RetryReason;
import dev.bedrockgateway.tenant.AwsTarget;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where one call goes after a failed attempt (its deadline counted from the call's arrival), for {@code gateway.routing.retry} and {@code gateway.routing.fallbacks}.
 * Only a failure Bedrock may not repeat ({@link RetryReason}, as the settings allow) is tried again, within
 * {@code max-attempts} and the deadline: first on the same model at each other target of the tenant (another
 * account or region has its own quota, so no wait), or, with one target, on the same model once more after a backoff
 * (longer if Bedrock said when to come back); then on each model of the fallback chain, routed like a first choice.
 * A model the tenant may not use, or whose route leaves its geographies, is skipped and never tried. A call whose
 * caller went away is tried no more. Used by one attempt at a time.
 */
final class Attempts {

    private final ChatCall call;
    private final RetryProperties retry;
    private final Function<GatewayException, Duration> backoff;
    private final Router router;
    private final List<AwsTarget> targets;
    private final List<String> chain;
    private final long deadline;
    private String model;
    private Upstream current;
    private int nextTarget = 1;
    private int nextModel;
    private int triesOfUpstream = 1;

    Attempts(
            ChatCall call,
            RetryProperties retry,
            Function<GatewayException, Duration> backoff,
            Router router,
            String requested,
            Upstream first,
            List<String> chain,
            long deadline) {
        this.call = call;
        this.retry = retry;
        this.backoff = backoff;
        this.router = router;
        this.model = requested;
        this.current = first;
        this.targets = Targets.order(call.tenant(), first.target());
        this.chain = chain;
        this.deadline = deadline;
    }

    /** Where the call's current attempt goes. */
    Upstream current() {
        return current;
    }

    /** The next attempt after this failure, or null when the failure is the caller's. */
    @Nullable Next next(GatewayException failure) {
        RetryReason reason = RetryReason.of(failure);
        if (call.cancelled()
                || reason == null
                || !retry.retries(reason)
                || call.attempts() >= retry.maxAttempts()
                || System.nanoTime() >= deadline) {
            return null;
        }
        Upstream elsewhere = otherTarget();
        if (elsewhere != null) {
            return moveTo(elsewhere);
        }
        if (targets.size() == 1 && triesOfUpstream == 1 && !ModelGate.circuitOpen(failure)) {
            Duration wait = backoff.apply(failure);
            if (System.nanoTime() + wait.toNanos() >= deadline) {
                return null;
            }
            triesOfUpstream++;
            return new Next(current, wait);
        }
        Upstream fallback = nextModel();
        if (fallback == null) {
            return null;
        }
        call.fellBack(current.bedrockModelId(), fallback.bedrockModelId(), reason);
        return moveTo(fallback);
    }

    /** The current model at the next target that can serve it. */
    private @Nullable Upstream otherTarget() {
        while (nextTarget < targets.size()) {
            AwsTarget target = targets.get(nextTarget++);
            ModelRoute route = router.route(model, target);
            if (route != null) {
                return new Upstream(target, route);
            }
        }
        return null;
    }

    /** The next model of the chain at the first target that can serve it; its other targets come next. */
    private @Nullable Upstream nextModel() {
        while (nextModel < chain.size()) {
            String candidate = chain.get(nextModel++);
            for (int i = 0; i < targets.size(); i++) {
                ModelRoute route = router.route(candidate, targets.get(i));
                if (route != null) {
                    model = candidate;
                    nextTarget = i + 1;
                    return new Upstream(targets.get(i), route);
                }
            }
        }
        return null;
    }

    private Next moveTo(Upstream upstream) {
        call.routed(upstream.bedrockModelId(), upstream.route().rules());
        call.targeted(upstream.target());
        current = upstream;
        triesOfUpstream = 1;
        return new Next(upstream, Duration.ZERO);
    }

    /**
     * The next attempt.
     *
     * @param upstream where it goes
     * @param delay how long to wait before it
     */
    record Next(Upstream upstream, Duration delay) {}

    /** Routes a model for a target, like a first choice; null when the tenant may not use it there. */
    @FunctionalInterface
    interface Router {
        @Nullable ModelRoute route(String model, AwsTarget target);
    }
}
