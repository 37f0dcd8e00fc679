package dev.bedrockgateway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway offered more than it may take. A fresh gateway with a small {@code gateway.limits.max-in-flight}
 * ({@code --overload-max-in-flight}, default 32) in front of a fake Bedrock that answers after
 * {@code --overload-delay-ms} (default 50: a model is slow, so calls in flight, not CPU, are what run out), and the
 * tenant {@code limited} held to {@code --overload-rate-limit} requests a minute (default 600, 60 in quick mode).
 * Its capacity is measured with as many connections as it takes calls, closed loop; then {@code --overload-factor}
 * (default 2) times that rate is offered open loop for a phase, once as the tenant without limits (the excess is
 * shed with 503) and once as the rate-limited tenant (the excess is refused with 429).
 *
 * <p>What it shows: the calls admitted keep a bounded latency, the rest come back within milliseconds, nothing else
 * fails, and resident memory stays where it was. With {@code --overload-delay-ms=0} the CPU runs out first instead,
 * which shedding by calls in flight does not bound (docs/performance.md).
 */
final class OverloadPhase {

    private static final String NAME = "gateway-overload";

    private final BenchRunner runner;
    private final Arguments arguments;
    private final LoadGenerator load;

    OverloadPhase(BenchRunner runner, Arguments arguments, LoadGenerator load) {
        this.runner = runner;
        this.arguments = arguments;
        this.load = load;
    }

    void run() throws Exception {
        int maxInFlight = arguments.integer("overload-max-in-flight", 32);
        int delayMs = arguments.integer("overload-delay-ms", 50);
        double factor = Double.parseDouble(arguments.string("overload-factor", "2"));
        // Quick mode's short cold warm-up would not empty a bucket of 600: 60 still shows the 429s.
        int perMinute = arguments.integer("overload-rate-limit", runner.quick() ? 60 : 600);
        Process fake = runner.startFake("overload-fake", "--delay-ms=" + delayMs);
        int fakePort = Processes.readPort(fake);
        BenchRunner.Gateway gateway = runner.startGateway(NAME, fakePort, List.of(
                "--gateway.limits.max-in-flight=" + maxInFlight,
                "--gateway.tenants.limited.limits.requests-per-minute=" + perMinute));
        try {
            measure(gateway, maxInFlight, delayMs, factor, perMinute);
        } finally {
            runner.stop(NAME, gateway.process());
            runner.stop("overload-fake", fake);
        }
    }

    private void measure(BenchRunner.Gateway gateway, int maxInFlight, int delayMs, double factor, int perMinute) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("maxInFlight", maxInFlight);
        section.put("fakeDelayMs", delayMs);
        section.put("factor", factor);
        section.put("rateLimitPerMinute", perMinute);
        section.put("startupToReadyMs", gateway.startupMs());
        ProcessUsage started = runner.memory(NAME);
        section.put("rssAfterStartMb", PhaseResult.round(started.rssMb()));

        Target unlimited = Systems.gatewayWire(NAME, "no limits", gateway.port(), Systems.API_KEY);
        Target limited = Systems.gatewayWire(NAME, perMinute + " requests a minute", gateway.port(),
                Systems.LIMITED_API_KEY);
        // The warm-up also empties the limited tenant's bucket (a minute's worth), so the phase sees its steady rate.
        Duration warm = runner.warmUp();
        PhaseResult warmUp = load.closedLoop(unlimited, maxInFlight, warm);
        PhaseResult warmLimited = load.closedLoop(limited, 4, warm.dividedBy(2));
        System.out.printf("warm-up %-36s %8.0f rps at %d connections, %d errors, %d shed; limited tenant %d "
                + "answered, %d refused%n", unlimited.name(), warmUp.achievedRps(), maxInFlight, warmUp.errors(),
                warmUp.shed(), warmLimited.requests(), warmLimited.refused());
        runner.awaitQuiet();
        ProcessUsage idle = runner.memory(NAME);
        section.put("rssIdleMb", PhaseResult.round(idle.rssMb()));

        PhaseResult capacity = runner.measure(List.of(unlimited), 0, "overload",
                target -> load.closedLoop(target, maxInFlight, runner.phase())).get(0);
        int offered = (int) Math.max(1, Math.round(capacity.achievedRps() * factor));
        section.put("capacityRps", capacity.achievedRps());
        section.put("offeredRps", offered);
        PhaseResult shed = runner.measure(List.of(unlimited), 0, "overload",
                target -> load.openLoop(target, offered, runner.phase())).get(0);
        PhaseResult refused = runner.measure(List.of(limited), 0, "overload",
                target -> load.openLoop(target, offered, runner.phase())).get(0);
        ProcessUsage end = runner.memory(NAME);
        section.put("rssEndMb", PhaseResult.round(end.rssMb()));
        section.put("peakRssMb", PhaseResult.round(end.peakRssMb()));
        section.put("capacity", capacity);
        section.put("shedPhase", shed);
        section.put("refusedPhase", refused);

        StringBuilder markdown = new StringBuilder("### Overload\n\n")
                .append("A fresh gateway with `gateway.limits.max-in-flight=").append(maxInFlight)
                .append("`, the fake Bedrock answering after ").append(delayMs).append(" ms, the tenant `limited` at ")
                .append(perMinute).append(" requests a minute. Capacity: ").append(maxInFlight)
                .append(" connections, closed loop; then ").append(factor).append("x that rate open loop, ")
                .append(runner.phase().toSeconds()).append(" s each. Milliseconds; RSS in MB.\n\n")
                .append("| step | offered RPS | answered (200) | answered RPS | answered p50 / p99 / max "
                        + "| shed 503 | refused 429 | refusal p50 / p99 / max | other errors | RSS (peak) |\n")
                .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        row(markdown, maxInFlight + " connections, closed loop (capacity)", "-", capacity);
        row(markdown, factor + "x capacity, tenant without limits", Integer.toString(offered), shed);
        row(markdown, factor + "x capacity, tenant at " + perMinute + "/min", Integer.toString(offered), refused);
        markdown.append("\nRSS after start ").append(Math.round(started.rssMb())).append(" MB, idle after the warm-up ")
                .append(Math.round(idle.rssMb())).append(" MB, at the end ").append(Math.round(end.rssMb()))
                .append(" MB; peak over the gateway's life (VmHWM) ").append(Math.round(end.peakRssMb()))
                .append(" MB.\n");
        runner.section("overload", section, markdown.toString());
    }

    private static void row(StringBuilder markdown, String step, String offered, PhaseResult result) {
        PhaseResult.Percentiles latency = result.latencyMs();
        PhaseResult.Percentiles refusal = result.refusalMs();
        markdown.append("| ").append(step).append(" | ").append(offered).append(" | ").append(result.requests())
                .append(" | ").append(Math.round(result.achievedRps())).append(" | ")
                .append(latency == null ? "-" : latency.p50() + " / " + latency.p99() + " / " + latency.max())
                .append(" | ").append(result.shed()).append(" | ").append(result.refused()).append(" | ")
                .append(refusal == null ? "-" : refusal.p50() + " / " + refusal.p99() + " / " + refusal.max())
                .append(" | ").append(result.errors()).append(result.errorSamples().isEmpty() ? ""
                        : " " + result.errorSamples())
                .append(" | ").append(result.process() == null ? "-" : Math.round(result.process().rssMb()) + " ("
                        + Math.round(result.process().peakRssMb()) + ")")
                .append(" |\n");
    }
}
