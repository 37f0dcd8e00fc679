package dev.bedrockgateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Memory per call in flight, which {@code gateway.limits.max-in-flight: auto} sizes the limit by (three quarters
 * of the heap at 104 KiB a call). A fresh gateway in front of a fake Bedrock that holds every call ({@code --inflight-hold-seconds},
 * default 12, 6 in quick mode): a Converse call waits that long for its answer, a stream gets its 20 deltas spread
 * over it. The live heap ({@code jcmd GC.class_histogram}, after a full collection) and RSS are read idle (after a
 * few calls) and with {@code --inflight-calls} (default 1,000, 200 in quick mode) OpenAI calls held open at once;
 * the difference over the calls is the memory of one. The gateway runs {@code max-in-flight: auto}, whose gauge
 * {@code gateway_in_flight_limit} shows what the heap gives (the Bedrock pools' 8,192 connections do not cap it on the
 * image's heap). Streams are skipped in quick mode and with
 * {@code --no-streams}.
 */
final class InFlightPhase {

    private static final String NAME = "gateway-inflight";
    private static final String FAKE = "inflight-fake";

    private final BenchRunner runner;
    private final Arguments arguments;
    private final LoadGenerator load;

    InFlightPhase(BenchRunner runner, Arguments arguments, LoadGenerator load) {
        this.runner = runner;
        this.arguments = arguments;
        this.load = load;
    }

    void run() throws Exception {
        int calls = arguments.integer("inflight-calls", runner.quick() ? 200 : 1_000);
        int holdSeconds = arguments.integer("inflight-hold-seconds", runner.quick() ? 6 : 12);
        List<Boolean> kinds = runner.quick() || arguments.flag("no-streams") ? List.of(false) : List.of(false, true);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("calls", calls);
        section.put("holdSeconds", holdSeconds);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder markdown = new StringBuilder("### Memory per call in flight\n\n")
                .append(calls).append(" OpenAI calls held open at once by a fake Bedrock (a Converse answer after ")
                .append(holdSeconds).append(" s; a stream's 20 deltas spread over ").append(holdSeconds)
                .append(" s), on a fresh gateway each. Live heap after a full collection (`jcmd GC.class_histogram`)"
                        + " and RSS, idle (after 8 calls) and with the calls in flight.\n\n")
                .append("| call | in flight (gauge) | live heap idle / held MB | heap per call KiB | RSS idle / held MB "
                        + "| RSS per call KiB | answered | errors, shed |\n")
                .append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (boolean stream : kinds) {
            rows.add(measure(stream, calls, holdSeconds, markdown));
        }
        section.put("kinds", rows);
        Object auto = rows.get(0).get("maxInFlightAuto");
        markdown.append("\n`max-in-flight: auto` on these gateways: `gateway_in_flight_limit` = ").append(auto)
                .append(", three quarters of the JVM's maximum heap (`Runtime.maxMemory()`) at 104 KiB a call.\n");
        runner.section("inflight", section, markdown.toString());
    }

    private Map<String, Object> measure(boolean stream, int calls, int holdSeconds, StringBuilder markdown)
            throws Exception {
        Process fake = stream
                ? runner.startFake(FAKE, "--deltas=20", "--delta-delay-ms=" + holdSeconds * 1000 / 20)
                : runner.startFake(FAKE, "--delay-ms=" + holdSeconds * 1000);
        int fakePort = Processes.readPort(fake);
        BenchRunner.Gateway gateway = runner.startGateway(NAME, fakePort, List.of(
                "--gateway.limits.max-in-flight=auto"));
        try {
            Target target = Systems.gatewayOpenAi(NAME, stream ? "openai stream held" : "openai held",
                    gateway.port(), Systems.API_KEY, stream);
            // A few calls first: the tenant's Bedrock client and its pools are made on the first call.
            PhaseResult first = load.closedLoop(target, 8, Duration.ofMillis(100));
            runner.awaitQuiet();
            double auto = GatewayProbe.gauge(gateway.managementPort(), "gateway_in_flight_limit");
            ProcessUsage idleRss = runner.memory(NAME);
            long idleHeap = GatewayProbe.liveHeapBytes(gateway.process().pid());

            CompletableFuture<List<PhaseResult>> held = CompletableFuture.supplyAsync(() -> runner.measure(
                    List.of(target), 0, "in flight", t -> load.closedLoop(t, calls, Duration.ofMillis(100))));
            long deadline = System.nanoTime() + Duration.ofSeconds(holdSeconds).toNanos() * 2 / 3;
            double inFlight = 0;
            while (System.nanoTime() < deadline) {
                inFlight = GatewayProbe.gauge(gateway.managementPort(), "gateway_in_flight");
                if (inFlight >= calls) {
                    break;
                }
                Processes.sleep(100);
            }
            if (stream) {
                Processes.sleep(1_000); // a few deltas into every stream
            }
            ProcessUsage heldRss = runner.memory(NAME);
            long heldHeap = GatewayProbe.liveHeapBytes(gateway.process().pid());
            PhaseResult result = held.join().get(0);

            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", stream ? "stream" : "converse");
            row.put("maxInFlightAuto", auto);
            row.put("inFlightSeen", inFlight);
            row.put("liveHeapIdleMb", mb(idleHeap));
            row.put("liveHeapHeldMb", mb(heldHeap));
            double heapPerCall = (heldHeap - idleHeap) / 1024.0 / calls;
            double rssPerCall = (heldRss.rssMb() - idleRss.rssMb()) * 1024 / calls;
            row.put("heapPerCallKiB", PhaseResult.round(heapPerCall));
            row.put("rssIdleMb", PhaseResult.round(idleRss.rssMb()));
            row.put("rssHeldMb", PhaseResult.round(heldRss.rssMb()));
            row.put("rssPerCallKiB", PhaseResult.round(rssPerCall));
            row.put("answered", result.requests());
            row.put("errors", result.errors());
            row.put("shed", result.shed());
            row.put("warmUpAnswered", first.requests());
            markdown.append("| ").append(stream ? "stream" : "Converse").append(" | ").append(Math.round(inFlight))
                    .append(" | ").append(Math.round(mb(idleHeap))).append(" / ").append(Math.round(mb(heldHeap)))
                    .append(" | ").append(Math.round(heapPerCall)).append(" | ").append(Math.round(idleRss.rssMb()))
                    .append(" / ").append(Math.round(heldRss.rssMb())).append(" | ").append(Math.round(rssPerCall))
                    .append(" | ").append(result.requests()).append(" | ").append(result.errors()).append(", ")
                    .append(result.shed()).append(result.errorSamples().isEmpty() ? "" : " " + result.errorSamples())
                    .append(" |\n");
            return row;
        } finally {
            runner.stop(NAME, gateway.process());
            runner.stop(FAKE, fake);
        }
    }

    private static double mb(long bytes) {
        return PhaseResult.round(bytes / 1024.0 / 1024.0);
    }
}
