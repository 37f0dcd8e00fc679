package dev.bedrockgateway.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The mutable, test-controlled part of one simulator instance. Shared between the public facade (test
 * thread) and the request handler (server threads), hence the concurrent collections and the volatile.
 */
final class SimulatorState {

    // Copy-on-write: writes are rare (one per request) and snapshots must be consistent while requests land.
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final Map<String, SimulatorFault> faultsByModelId = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile List<String> inferenceProfiles = List.of();

    void record(RecordedRequest request) {
        received.add(request);
    }

    List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    void failRequestsFor(String modelId, SimulatorFault fault) {
        faultsByModelId.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(fault, "fault"));
    }

    /** The fault configured for this model id, or {@code null}. */
    SimulatorFault faultFor(String modelId) {
        return modelId == null ? null : faultsByModelId.get(modelId);
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

    void reset() {
        received.clear();
        faultsByModelId.clear();
        delay = Duration.ZERO;
        inferenceProfiles = List.of();
    }
}
