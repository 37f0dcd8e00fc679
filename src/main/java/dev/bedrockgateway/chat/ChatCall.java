package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.limits.LimitReport;
import dev.bedrockgateway.routing.RetryReason;
import dev.bedrockgateway.routing.RoutingRule;
import dev.bedrockgateway.tenant.AwsTarget;
import dev.bedrockgateway.tenant.Tenant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One chat call as it happens: who made it and what the chat service learned on the
 * way (routed model, token usage, first-token time, failure). The web layer creates it per request and
 * reads it back once the response is complete, for metrics and the access log, so neither has to re-parse
 * anything. Written by the request thread and the SDK's threads, hence volatile fields; each is written
 * once or only grows.
 */
public final class ChatCall {

    private final Tenant tenant;
    private final long startNanos;
    private final Consumer<LimitReport> limitListener;
    private volatile boolean stream;
    private volatile @Nullable String requestedModel;
    private volatile @Nullable String bedrockModelId;
    private volatile Set<RoutingRule> rules = Set.of();
    private volatile @Nullable TokenUsage usage;
    private volatile long firstTokenNanos;
    private volatile @Nullable GatewayException failure;
    private volatile boolean cancelled;
    private volatile @Nullable Double costUsd;
    private volatile int attempts;
    private volatile @Nullable String target;
    private volatile @Nullable String serviceTier;
    private volatile List<Fallback> fallbacks = List.of();
    // Written only by the one thread that delivers stream events at a time.
    private volatile long streamedChars;

    /**
     * Starts a call whose rate-limit state nobody needs to hear about.
     *
     * @param tenant the authenticated tenant
     * @param startNanos {@link System#nanoTime()} when the request arrived
     */
    public ChatCall(Tenant tenant, long startNanos) {
        this(tenant, startNanos, report -> {});
    }

    /**
     * Starts a call.
     *
     * @param tenant the authenticated tenant
     * @param startNanos {@link System#nanoTime()} when the request arrived
     * @param limitListener hears, on the request's thread before any answer is sent, which of the tenant's
     *     rate limits applied and what is left of them (a web surface turns that into response headers)
     */
    public ChatCall(Tenant tenant, long startNanos, Consumer<LimitReport> limitListener) {
        this.tenant = tenant;
        this.startNanos = startNanos;
        this.limitListener = limitListener;
    }

    public Tenant tenant() {
        return tenant;
    }

    public long startNanos() {
        return startNanos;
    }

    public boolean stream() {
        return stream;
    }

    /** The model as the caller wrote it, or null when the call failed before saying. */
    public @Nullable String requestedModel() {
        return requestedModel;
    }

    /** The model ID sent to Bedrock (the one that answered, after self-healing), or null before routing. */
    public @Nullable String bedrockModelId() {
        return bedrockModelId;
    }

    /** The routing rules that changed the model name on its way. */
    public Set<RoutingRule> rules() {
        return rules;
    }

    /** Token usage as Bedrock reported it, or null if it did not (yet). */
    public @Nullable TokenUsage usage() {
        return usage;
    }

    /** {@link System#nanoTime()} of the first streamed content, or 0. */
    public long firstTokenNanos() {
        return firstTokenNanos;
    }

    /** Why the call failed, also after a stream had started, or null. */
    public @Nullable GatewayException failure() {
        return failure;
    }

    /** Whether the caller went away before the answer ended. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The call's cost in USD at the model's price, or null when unknown (no price, or not settled yet). */
    public @Nullable Double costUsd() {
        return costUsd;
    }

    /** The attempts Bedrock was sent (retries and fallbacks included; a self-healing detour is part of one). */
    public int attempts() {
        return attempts;
    }

    /** The fallbacks taken, in order; empty when the first model answered or failed for good. */
    public List<Fallback> fallbacks() {
        return fallbacks;
    }

    /** Records that the caller went away. */
    public void cancel() {
        this.cancelled = true;
    }

    void requested(String model, boolean stream) {
        this.requestedModel = model;
        this.stream = stream;
    }

    void routed(String bedrockModelId, Set<RoutingRule> rules) {
        this.bedrockModelId = bedrockModelId;
        this.rules = Set.copyOf(rules);
    }

    /** The self-healed profile answered instead of the direct ID. */
    void selfHealed(String bedrockModelId) {
        EnumSet<RoutingRule> healed = rules.isEmpty() ? EnumSet.noneOf(RoutingRule.class) : EnumSet.copyOf(rules);
        healed.add(RoutingRule.SELF_HEAL);
        this.rules = Set.copyOf(healed);
        this.bedrockModelId = bedrockModelId;
    }

    /**
     * The tenant's AWS target the last attempt went to, by name; null for a tenant with only one, whose name says
     * nothing.
     */
    public @Nullable String target() {
        return target;
    }

    /** The Bedrock service tier the call runs at, or null for Bedrock's standard one. */
    public @Nullable String serviceTier() {
        return serviceTier;
    }

    void serviceTier(@Nullable String tier) {
        this.serviceTier = tier;
    }

    void targeted(AwsTarget target) {
        this.target = tenant.targets().size() > 1 ? target.name() : null;
    }

    void attempted() {
        attempts++;
    }

    void fellBack(String from, String to, RetryReason reason) {
        List<Fallback> taken = new ArrayList<>(fallbacks);
        taken.add(new Fallback(from, to, reason));
        this.fallbacks = List.copyOf(taken);
    }

    void usage(TokenUsage usage) {
        this.usage = usage;
    }

    void firstToken(long nanos) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = nanos;
        }
    }

    void limited(LimitReport report) {
        limitListener.accept(report);
    }

    void cost(@Nullable Double usd) {
        this.costUsd = usd;
    }

    void streamed(int chars) {
        streamedChars += chars;
    }

    long streamedChars() {
        return streamedChars;
    }

    void failed(GatewayException failure) {
        this.failure = failure;
    }

    /**
     * One move down a fallback chain.
     *
     * @param from the model ID that failed
     * @param to the model ID tried next
     * @param reason why
     */
    public record Fallback(String from, String to, RetryReason reason) {}
}
