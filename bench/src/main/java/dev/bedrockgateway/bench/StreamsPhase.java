package dev.bedrockgateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many long streams at once, the real load of an LLM gateway: for each size ({@code --streams=1000,2000,5000}, 100
 * in quick mode) that many streams are started together and held for their whole answer ({@code --streams-deltas}
 * deltas, default 20, {@code --streams-delta-delay-ms} apart, default 500, 250 in quick mode), straight at the fake
 * and then through the
 * gateway's OpenAI surface and its Bedrock wire, a fresh gateway each. Each gateway is first warmed as a replica that
 * has served for a while is ({@code --streams-warm-seconds}, default 30, 3 in quick mode, of short streams of another
 * model on {@value #WARM_CONNECTIONS} connections), then each system gets the burst {@code --streams-warmups} times
 * unmeasured (default 1), then once measured. Reported: answered,
 * errors and shed calls, first token p50 / p99 against the fake's own, the gateway's RSS idle and at its peak and per
 * stream in flight, and its CPU per streamed event.
 */
final class StreamsPhase {

    private static final String NAME = "gateway-streams";
    private static final String FAKE = "streams-fake";
    /** Connections of the warm-up: enough to keep both cores busy without the burst's set-up costs. */
    private static final int WARM_CONNECTIONS = 64;

    private final BenchRunner runner;
    private final Arguments arguments;
    private final LoadGenerator load;
    /** Deltas a stream ({@code --streams-deltas}, default 20): two lengths split set-up from per-event cost. */
    private int deltas;
    /** Unmeasured bursts before the measured one ({@code --streams-warmups}, default 1). */
    private int warmups;
    /**
     * Seconds of short streams before the bursts ({@code --streams-warm-seconds}): a few bursts of a thousand streams
     * leave much of the request path in the JIT's profiling tier (a burst then cost about 5 ms of CPU a stream against
     * 1 ms for a replica warmed for a minute: JFR and {@code /proc}, 5 December 2026).
     */
    private int warmSeconds;

    StreamsPhase(BenchRunner runner, Arguments arguments, LoadGenerator load) {
        this.runner = runner;
        this.arguments = arguments;
        this.load = load;
    }

    void run() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : arguments.string("streams", runner.quick() ? "100" : "1000,2000,5000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        int delay = arguments.integer("streams-delta-delay-ms", runner.quick() ? 250 : 500);
        deltas = arguments.integer("streams-deltas", 20);
        warmups = arguments.integer("streams-warmups", 1);
        warmSeconds = arguments.integer("streams-warm-seconds", runner.quick() ? 3 : 30);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder markdown = new StringBuilder("### Long streams started together\n\n")
                .append("Each stream is ").append(deltas).append(" deltas ").append(delay)
                .append(" ms apart, all started at once and held to their end; a fresh gateway for each surface and"
                        + " size, warmed first as a replica that has served for a while is: ").append(warmSeconds)
                .append(" s of short streams (another model, no pauses) on ").append(WARM_CONNECTIONS)
                .append(" connections, then the burst sent ").append(warmups).append(" times unmeasured, then measured. First"
                        + " token: from sending the request to the first content. RSS per stream: (peak RSS over all"
                        + " bursts - idle RSS) / streams answered. CPU per event: the gateway's CPU time in the measured"
                        + " burst over its streamed deltas, set-up included (two stream lengths separate the two).\n\n")
                .append("| streams | system | answered | errors, shed | first token p50 / p99 ms | added p99 ms "
                        + "| RSS idle / peak MB | RSS per stream KiB | CPU per event us |\n")
                .append("|--:|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (int streams : sizes) {
            Process fake = runner.startFake(FAKE, "--deltas=" + deltas, "--delta-delay-ms=" + delay);
            try {
                int fakePort = Processes.readPort(fake);
                Target direct = Systems.fakeStream(FAKE, fakePort);
                warmUp(direct, streams);
                PhaseResult floor = burst(direct, streams);
                rows.add(row(streams, floor, null, null, null));
                markdown.append(line(streams, floor, floor, null, null));
                for (boolean openAi : List.of(true, false)) {
                    measureGateway(streams, fakePort, openAi, floor, rows, markdown);
                }
            } finally {
                runner.stop(FAKE, fake);
            }
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("deltas", deltas);
        section.put("deltaDelayMs", delay);
        section.put("rows", rows);
        runner.section("streams", section, markdown.toString());
    }

    private void measureGateway(
            int streams, int fakePort, boolean openAi, PhaseResult floor, List<Map<String, Object>> rows,
            StringBuilder markdown) throws Exception {
        BenchRunner.Gateway gateway = runner.startGateway(NAME, fakePort, List.of());
        try {
            Target target = openAi
                    ? Systems.gatewayOpenAi(NAME, "openai stream", gateway.port(), Systems.API_KEY, true)
                    : Systems.gatewayWireStream(NAME, "bedrock-wire stream", gateway.port(), Systems.API_KEY);
            // A few calls first: the tenant's Bedrock client and its pools are made on the first call.
            load.closedLoop(target, 8, Duration.ofMillis(100));
            runner.awaitQuiet();
            ProcessUsage idle = runner.memory(NAME);
            if (warmSeconds > 0) {
                PhaseResult warm = load.closedLoop(Systems.gatewayWarmUpStream(NAME, gateway.port(), openAi),
                        WARM_CONNECTIONS, Duration.ofSeconds(warmSeconds));
                // A warm-up that failed would leave the JIT cold and the figures after it meaningless.
                if (warm.requests() == 0 || warm.errors() > 0) {
                    throw new IllegalStateException("the gateway's warm-up streams failed: " + warm.errors()
                            + " errors of " + (warm.requests() + warm.errors()) + ", e.g. " + warm.errorSamples());
                }
                runner.awaitQuiet();
            }
            warmUp(target, streams);
            PhaseResult result = burst(target, streams);
            ProcessUsage after = runner.memory(NAME);
            rows.add(row(streams, result, idle, after, floor));
            markdown.append(line(streams, result, floor, idle, after));
        } finally {
            runner.stop(NAME, gateway.process());
        }
    }

    private void warmUp(Target target, int streams) {
        for (int i = 0; i < warmups; i++) {
            load.closedLoop(target, streams, Duration.ofMillis(100));
            runner.awaitQuiet();
        }
    }

    /** {@code streams} calls started together, each held to its end (a closed loop that starts no second call). */
    private PhaseResult burst(Target target, int streams) {
        return runner.measure(List.of(target), 0, "streams", t -> load.closedLoop(t, streams, Duration.ofMillis(100)))
                .get(0);
    }

    private Map<String, Object> row(
            int streams, PhaseResult result, ProcessUsage idle, ProcessUsage after, PhaseResult floor) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("streams", streams);
        row.put("system", result.system());
        row.put("api", result.api());
        row.put("answered", result.requests());
        row.put("errors", result.errors());
        row.put("shed", result.shed());
        row.put("errorSamples", result.errorSamples());
        row.put("firstTokenMs", result.firstTokenMs());
        if (idle != null && after != null) {
            row.put("rssIdleMb", PhaseResult.round(idle.rssMb()));
            row.put("rssPeakMb", PhaseResult.round(after.peakRssMb()));
            row.put("rssPerStreamKiB", PhaseResult.round(perStreamKiB(result, idle, after)));
            row.put("cpuPerEventMicros", PhaseResult.round(cpuPerEventMicros(result)));
            if (floor.firstTokenMs() != null && result.firstTokenMs() != null) {
                row.put("addedFirstTokenP99Ms",
                        PhaseResult.round(result.firstTokenMs().p99() - floor.firstTokenMs().p99()));
            }
        }
        return row;
    }

    private String line(
            int streams, PhaseResult result, PhaseResult floor, ProcessUsage idle, ProcessUsage after) {
        PhaseResult.Percentiles first = result.firstTokenMs();
        StringBuilder line = new StringBuilder("| ").append(streams).append(" | ")
                .append(idle == null ? "fake" : "gateway " + result.api()).append(" | ")
                .append(result.requests()).append(" | ").append(result.errors()).append(", ").append(result.shed())
                .append(result.errorSamples().isEmpty() ? "" : " " + result.errorSamples()).append(" | ")
                .append(first == null ? "-" : Math.round(first.p50()) + " / " + Math.round(first.p99())).append(" | ");
        if (idle == null || after == null) {
            return line.append("- | - | - | - |\n").toString();
        }
        double added = first == null || floor.firstTokenMs() == null ? Double.NaN
                : first.p99() - floor.firstTokenMs().p99();
        return line.append(Double.isNaN(added) ? "-" : Math.round(added)).append(" | ")
                .append(Math.round(idle.rssMb())).append(" / ").append(Math.round(after.peakRssMb())).append(" | ")
                .append(Math.round(perStreamKiB(result, idle, after))).append(" | ")
                .append(PhaseResult.round(cpuPerEventMicros(result))).append(" |\n").toString();
    }

    private static double perStreamKiB(PhaseResult result, ProcessUsage idle, ProcessUsage after) {
        // Per stream held: those shed past the gateway's capacity hold nothing.
        long held = Math.min(result.load(), result.requests());
        return held == 0 ? 0 : (after.peakRssMb() - idle.rssMb()) * 1024 / held;
    }

    /** The gateway's CPU over the events it streamed: seconds per 1,000 calls, each call {@link #deltas} events. */
    private double cpuPerEventMicros(PhaseResult result) {
        return result.process() == null ? 0 : result.process().cpuSecondsPer1000() * 1_000_000 / 1000 / deltas;
    }
}
