package dev.bedrockgateway.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The mutable, test-controlled part of one simulator instance. Shared between the public facade (test
 * thread) and the request handler (server threads), hence the concurrent collections and the volatile.
 */
final class SimulatorState {

    // Copy-on-write: writes are rare (one per request) and snapshots must be consistent while requests land.
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final Map<FaultKey, SimulatorFault> faults = new ConcurrentHashMap<>();
    /** Remaining failures for faults limited to a number of requests; absent means unlimited. */
    private final Map<FaultKey, AtomicInteger> remainingFaults = new ConcurrentHashMap<>();
    /** Faults for every model of a region, as the SigV4 credential scope names it. */
    private final Map<String, SimulatorFault> regionFaults = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> remainingRegionFaults = new ConcurrentHashMap<>();

    private final AtomicInteger issuedCredentials = new AtomicInteger();
    private volatile Duration stsCredentialValidity = Duration.ofHours(1);
    private volatile Duration delay = Duration.ZERO;
    private volatile List<String> inferenceProfiles = List.of();
    private volatile @Nullable SimulatorFault inferenceProfilesFault;
    private final Map<String, StreamFault> streamFaults = new ConcurrentHashMap<>();
    private final Map<String, Duration> stalls = new ConcurrentHashMap<>();
    private final Map<String, Integer> drops = new ConcurrentHashMap<>();
    private final List<String> cancelledStreams = new CopyOnWriteArrayList<>();
    private volatile Duration streamDeltaDelay = Duration.ZERO;
    private final Set<String> modelsWithoutOutput = ConcurrentHashMap.newKeySet();
    private final PromptCache promptCache = new PromptCache();

    void record(RecordedRequest request) {
        received.add(request);
    }

    List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    void failRequestsFor(String modelId, @Nullable SimulatorOperation operation, SimulatorFault fault) {
        FaultKey key = new FaultKey(Objects.requireNonNull(modelId, "modelId"), operation);
        faults.put(key, Objects.requireNonNull(fault, "fault"));
        remainingFaults.remove(key);
    }

    void failRequestsFor(String modelId, @Nullable SimulatorOperation operation, SimulatorFault fault, int times) {
        failRequestsFor(modelId, operation, fault);
        remainingFaults.put(new FaultKey(modelId, operation), new AtomicInteger(times));
    }

    void failRegion(String region, SimulatorFault fault, int times) {
        regionFaults.put(Objects.requireNonNull(region, "region"), Objects.requireNonNull(fault, "fault"));
        if (times < 0) {
            remainingRegionFaults.remove(region);
        } else {
            remainingRegionFaults.put(region, new AtomicInteger(times));
        }
    }

    /**
     * The fault for a request of this operation to this model id, signed for this region, or {@code null}: a
     * region's fault first (the whole region is down or throttled), then one configured for the operation, then one
     * for the whole model; a limited fault is used up by this call. The on-demand refusal never applies to
     * CountTokens, which runs no model and so has no throughput to refuse.
     */
    @Nullable SimulatorFault faultFor(@Nullable String region, String modelId, SimulatorOperation operation) {
        SimulatorFault regional = region == null ? null : regionFaults.get(region);
        if (regional != null) {
            AtomicInteger remaining = remainingRegionFaults.get(region);
            if (remaining == null || remaining.getAndDecrement() > 0) {
                return regional;
            }
        }
        SimulatorFault fault = take(new FaultKey(modelId, operation), operation);
        return fault != null ? fault : take(new FaultKey(modelId, null), operation);
    }

    private @Nullable SimulatorFault take(FaultKey key, SimulatorOperation operation) {
        SimulatorFault fault = faults.get(key);
        if (fault == null || (operation == SimulatorOperation.COUNT_TOKENS && fault.isOnDemandRefusal())) {
            return null;
        }
        AtomicInteger remaining = remainingFaults.get(key);
        return remaining != null && remaining.getAndDecrement() <= 0 ? null : fault;
    }

    int nextCredentialNumber() {
        return issuedCredentials.incrementAndGet();
    }

    void stsCredentialValidity(Duration validity) {
        stsCredentialValidity = Objects.requireNonNull(validity, "validity");
    }

    Duration stsCredentialValidity() {
        return stsCredentialValidity;
    }

    void delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        this.delay = delay;
    }

    Duration delay() {
        return delay;
    }

    void inferenceProfiles(List<String> profileIds) {
        inferenceProfiles = List.copyOf(profileIds);
    }

    List<String> inferenceProfiles() {
        return inferenceProfiles;
    }

    void failInferenceProfiles(@Nullable SimulatorFault fault) {
        inferenceProfilesFault = fault;
    }

    @Nullable SimulatorFault inferenceProfilesFault() {
        return inferenceProfilesFault;
    }

    void failStreamsFor(String modelId, int afterDeltas, SimulatorFault fault) {
        streamFaults.put(modelId, new StreamFault(afterDeltas, fault));
    }

    @Nullable StreamFault streamFaultFor(String modelId) {
        return streamFaults.get(modelId);
    }

    void stallStreamsFor(String modelId, Duration stall) {
        stalls.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(stall, "stall"));
    }

    Duration stallFor(String modelId) {
        return stalls.getOrDefault(modelId, Duration.ZERO);
    }

    void dropStreamsFor(String modelId, int afterDeltas) {
        drops.put(Objects.requireNonNull(modelId, "modelId"), afterDeltas);
    }

    /** After how many deltas a stream of this model loses its connection, or -1 for never. */
    int dropAfterFor(String modelId) {
        return drops.getOrDefault(modelId, -1);
    }

    void recordCancelledStream(String modelId) {
        cancelledStreams.add(modelId);
    }

    List<String> cancelledStreams() {
        return List.copyOf(cancelledStreams);
    }

    void streamDeltaDelay(Duration delay) {
        streamDeltaDelay = Objects.requireNonNull(delay, "delay");
    }

    Duration streamDeltaDelay() {
        return streamDeltaDelay;
    }

    void answerWithoutOutput(String modelId) {
        modelsWithoutOutput.add(Objects.requireNonNull(modelId, "modelId"));
    }

    /** Whether answers for this model are a guardrail intervention without any output. */
    boolean answersWithoutOutput(String modelId) {
        return modelId != null && modelsWithoutOutput.contains(modelId);
    }

    PromptCache promptCache() {
        return promptCache;
    }

    /** A stream that fails after some deltas. */
    record StreamFault(int afterDeltas, SimulatorFault fault) {}

    /** Whom a request fault is for: a model id, and one operation or ({@code null}) all of them. */
    private record FaultKey(String modelId, @Nullable SimulatorOperation operation) {}

    void reset() {
        streamFaults.clear();
        stalls.clear();
        drops.clear();
        cancelledStreams.clear();
        streamDeltaDelay = Duration.ZERO;
        received.clear();
        faults.clear();
        remainingFaults.clear();
        regionFaults.clear();
        remainingRegionFaults.clear();
        stsCredentialValidity = Duration.ofHours(1);
        delay = Duration.ZERO;
        inferenceProfiles = List.of();
        inferenceProfilesFault = null;
        modelsWithoutOutput.clear();
        promptCache.clear();
    }
}
