package dev.bedrockgateway.simulator;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A fault scripted in configuration ({@code gateway.simulator.faults}), so a demo in the {@code local} profile can
 * show what callers see when Bedrock fails, without a test to script it.
 *
 * @param model the model ID whose requests fail; or null with {@code region}
 * @param region the region whose requests fail (every model); or null with {@code model}
 * @param fault what Bedrock answers: {@code throttling}, {@code service-unavailable}, {@code model-not-ready},
 *     {@code model-timeout}, {@code internal-server}; or, for the model's streams, {@code stall} (see {@code stall})
 *     or {@code drop} (the connection ends after {@code after-deltas} deltas)
 * @param times how many requests fail; null for all
 * @param stall how long a stalled stream waits before its first event
 * @param afterDeltas after how many deltas a dropped stream ends
 */
public record ScriptedFault(
        @Nullable String model,
        @Nullable String region,
        String fault,
        @Nullable Integer times,
        @Nullable Duration stall,
        @Nullable Integer afterDeltas) {

    /** Applies it to the simulator; a mistake fails the start, naming what is wrong. */
    void applyTo(BedrockSimulator simulator, String property) {
        if ((model == null) == (region == null)) {
            throw new IllegalStateException(property + ": name either a model or a region");
        }
        String kind = fault.toLowerCase(Locale.ROOT);
        if (kind.equals("stall") || kind.equals("drop")) {
            if (model == null) {
                throw new IllegalStateException(property + ".fault: " + kind + " applies to a model's streams");
            }
            if (kind.equals("stall")) {
                simulator.stallStreamsFor(model, stall == null ? Duration.ofSeconds(30) : stall);
            } else {
                simulator.dropStreamsFor(model, afterDeltas == null ? 1 : afterDeltas);
            }
            return;
        }
        SimulatorFault answer = switch (kind) {
            case "throttling" -> SimulatorFault.throttling();
            case "service-unavailable" -> SimulatorFault.serviceUnavailable("Bedrock is unavailable (scripted).");
            case "model-not-ready" -> SimulatorFault.modelNotReady("The model is not ready (scripted).");
            case "model-timeout" -> SimulatorFault.modelTimeout("The model timed out (scripted).");
            case "internal-server" -> SimulatorFault.internalServer("Bedrock failed (scripted).");
            default ->
                throw new IllegalStateException(property + ".fault: '" + fault + "' is not one of throttling, "
                        + "service-unavailable, model-not-ready, model-timeout, internal-server, stall, drop");
        };
        if (model != null) {
            if (times == null) {
                simulator.failRequestsFor(model, answer);
            } else {
                simulator.failRequestsFor(model, answer, times);
            }
        } else if (region != null) {
            if (times == null) {
                simulator.failRegion(region, answer);
            } else {
                simulator.failRegion(region, answer, times);
            }
        }
    }
}
