package dev.bedrockgateway.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one phase measured, in milliseconds; {@code process} is filled in by the runner for the system under
 * test (the fake for direct calls). {@code requests}, {@code achievedRps} and {@code latencyMs} are of the calls
 * answered (200); {@code shed} (503) and {@code refused} (429) are quick refusals, timed together in
 * {@code refusalMs}; {@code errors} is everything else. {@code phase} names the phases beyond the basic ones
 * (limits, overload, in flight), empty for those.
 */
record PhaseResult(String system, String api, boolean stream, String mode, int load, double seconds, long requests,
        long errors, List<String> errorSamples, double achievedRps, Percentiles latencyMs,
        Percentiles firstTokenMs, ProcessUsage process, long shed, long refused, Percentiles refusalMs,
        String phase) {

    /** p50 / p90 / p99 / p99.9 / max of a histogram recorded in microseconds. */
    record Percentiles(double p50, double p90, double p99, double p999, double max) {

        static Percentiles of(Histogram micros) {
            return new Percentiles(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                    ms(micros.getMaxValue()));
        }

        Percentiles minus(Percentiles floor) {
            return new Percentiles(round(p50 - floor.p50), round(p90 - floor.p90), round(p99 - floor.p99),
                    round(p999 - floor.p999), round(max - floor.max));
        }

        private static double ms(long micros) {
            return round(micros / 1000.0);
        }
    }

    static PhaseResult of(Target target, String mode, int load, double seconds, long requests, long errors,
            List<String> errorSamples, Histogram latency, Histogram firstToken) {
        return new PhaseResult(target.system(), target.api(), target.stream(), mode, load, round(seconds), requests,
                errors, errorSamples, round(requests / seconds),
                requests == 0 ? null : Percentiles.of(latency),
                firstToken == null || firstToken.getTotalCount() == 0 ? null : Percentiles.of(firstToken), null,
                0, 0, null, "");
    }

    PhaseResult withProcess(ProcessUsage usage) {
        return new PhaseResult(system, api, stream, mode, load, seconds, requests, errors, errorSamples, achievedRps,
                latencyMs, firstTokenMs, usage, shed, refused, refusalMs, phase);
    }

    /** With the 503s and 429s counted, and their latencies recorded in microseconds in {@code refusals}. */
    PhaseResult withRefusals(long shed, long refused, Histogram refusals) {
        return new PhaseResult(system, api, stream, mode, load, seconds, requests, errors, errorSamples, achievedRps,
                latencyMs, firstTokenMs, process, shed, refused,
                refusals.getTotalCount() == 0 ? null : Percentiles.of(refusals), phase);
    }

    PhaseResult inPhase(String name) {
        return new PhaseResult(system, api, stream, mode, load, seconds, requests, errors, errorSamples, achievedRps,
                latencyMs, firstTokenMs, process, shed, refused, refusalMs, name);
    }

    /** Every call sent and finished: answered, refused or failed. */
    long calls() {
        return requests + shed + refused + errors;
    }

    String name() {
        return system + " " + api + (stream ? " stream" : "");
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
