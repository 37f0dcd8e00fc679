package dev.bedrockgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What per-tenant limits add to a call, side by side in one run: the same Bedrock-wire Converse call for the tenant
 * {@code bench} (no limits) and the tenant {@code limited} (every kind of limit, far above what the run uses:
 * {@link BenchRunner#HIGH_LIMITS}), on the run's gateway (limits in memory) and on a second gateway counting in Redis
 * ({@code --redis=host:port}, default 127.0.0.1:6379; skipped with the reason printed when no Redis answers).
 *
 * <p>At 1 connection, the latency: {@code --limits-rounds} rounds (default 5, 1 in quick mode) of every system in
 * turn, {@code --seconds} split between the rounds, and "added" is the median over the rounds of the difference
 * within a round. The tenant without limits on the memory gateway is measured twice a round, as a control: the
 * difference between the two is what the machine's noise alone gives. At 32 connections, the throughput. Beside
 * them, a Redis round trip as the runner sees it, one at a time: {@code PING}, and the gateway's own admission script
 * ({@code src/main/resources/limits/admit.lua}, or {@code --redis-admit-script=FILE}) with the keys and arguments
 * of a call of the tenant with limits; and Redis's own time per script call ({@code INFO commandstats}, which counts
 * every client of that Redis).
 */
final class LimitsPhase {

    /** The targets: the in-memory check adds at most 50 us at p50; Redis at most one round trip. */
    static final double MEMORY_TARGET_MS = 0.050;

    /** Fewer rounds than this, or quick mode's cold gateways, are not judged against the targets. */
    static final int ROUNDS_TO_JUDGE = 3;

    private final BenchRunner runner;
    private final Arguments arguments;
    private final LoadGenerator load;

    LimitsPhase(BenchRunner runner, Arguments arguments, LoadGenerator load) {
        this.runner = runner;
        this.arguments = arguments;
        this.load = load;
    }

    void run(BenchRunner.Gateway gateway, int fakePort) throws Exception {
        Map<String, Object> section = new LinkedHashMap<>();
        StringBuilder markdown = new StringBuilder("### Limits: the same call with and without a tenant's limits\n\n");
        Target memoryNone = Systems.gatewayWire("gateway", "memory, no limits", gateway.port(), Systems.API_KEY);
        Target memoryLimits = Systems.gatewayWire("gateway", "memory, limits", gateway.port(),
                Systems.LIMITED_API_KEY);
        Target control = Systems.gatewayWire("gateway", "memory, no limits (control)", gateway.port(),
                Systems.API_KEY);
        List<Target> targets = new ArrayList<>(List.of(memoryNone, memoryLimits, control));

        String address = arguments.string("redis", "127.0.0.1:6379");
        RedisProbe redis = null;
        try {
            redis = RedisProbe.connect(address.substring(0, address.lastIndexOf(':')),
                    Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        } catch (IOException e) {
            String reason = "no Redis answers PING at " + address + " (" + e.getMessage()
                    + "): the Redis rows are skipped";
            System.out.println(reason);
            section.put("redisSkipped", reason);
            markdown.append("Redis: ").append(reason).append(".\n\n");
        }
        BenchRunner.Gateway redisGateway = null;
        String prefix = "bench-" + System.currentTimeMillis();
        PhaseResult.Percentiles ping = null;
        PhaseResult.Percentiles admit = null;
        if (redis != null) {
            ping = redis.pingMillis(runner.quick() ? 2_000 : 10_000);
            section.put("redis", address);
            section.put("redisPingMs", ping);
            admit = admitRoundTrip(redis, prefix, runner.quick() ? 2_000 : 10_000);
            section.put("redisAdmitScriptMs", admit);
            List<String> extra = new ArrayList<>(BenchRunner.HIGH_LIMITS);
            extra.addAll(List.of("--gateway.limits.store=redis", "--spring.data.redis.url=redis://" + address,
                    "--gateway.limits.redis-key-prefix=" + prefix));
            redisGateway = runner.startGateway("gateway-redis", fakePort, extra);
            section.put("redisGatewayStartupToReadyMs", redisGateway.startupMs());
            targets.add(Systems.gatewayWire("gateway-redis", "redis, no limits", redisGateway.port(),
                    Systems.API_KEY));
            targets.add(Systems.gatewayWire("gateway-redis", "redis, limits", redisGateway.port(),
                    Systems.LIMITED_API_KEY));
        }
        try {
            measure(targets, redis, ping, admit, section, markdown);
        } finally {
            if (redisGateway != null) {
                runner.stop(redisGateway.name(), redisGateway.process());
            }
            if (redis != null) {
                try {
                    // The run's own keys only, under its own prefix; they would expire by the month's end anyway.
                    long deleted = Long.parseLong(String.valueOf(redis.call("EVAL", "local n = 0 for _, k in "
                            + "ipairs(redis.call('KEYS', ARGV[1])) do n = n + redis.call('DEL', k) end return n", "0",
                            prefix + ":*")));
                    System.out.println("Deleted the run's " + deleted + " Redis keys (" + prefix + ":*)");
                } finally {
                    redis.close();
                }
            }
        }
        runner.section("limits", section, markdown.toString());
    }

    /**
     * The gateway's admission script run from the runner, one call at a time, as the tenant with limits would run
     * it (four buckets, calls in flight, a daily budget), under the run's own key prefix; null without the script.
     */
    private PhaseResult.Percentiles admitRoundTrip(RedisProbe redis, String prefix, int count) throws IOException {
        Path script = Path.of(arguments.string("redis-admit-script", "src/main/resources/limits/admit.lua"));
        if (!Files.isRegularFile(script)) {
            System.out.println("No " + script + ": the admission script's round trip is not measured");
            return null;
        }
        String sha = (String) redis.call("SCRIPT", "LOAD", Files.readString(script));
        Instant now = Instant.now();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long toDayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - now.toEpochMilli();
        long toMonthEnd = day.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                - now.toEpochMilli();
        String base = prefix + ":{probe}:";
        AtomicLong calls = new AtomicLong();
        return redis.time(count, () -> new String[] {"EVALSHA", sha, "7", base + "in-flight", base + "day:" + day,
            base + "month:" + day.toString().substring(0, 7), base + "bucket:rpm", base + "bucket:tpm",
            base + "bucket:rpm:*haiku*", base + "bucket:tpm:*haiku*",
            "probe:" + calls.incrementAndGet(), "100000", "900000", "1000000000000", "0", Long.toString(toDayEnd),
            Long.toString(toMonthEnd), "1000000000", "1", "1000000000000", "286", "1000000000", "1",
            "1000000000000", "286"});
    }

    private void measure(List<Target> targets, RedisProbe redis, PhaseResult.Percentiles ping,
            PhaseResult.Percentiles admit, Map<String, Object> section, StringBuilder markdown) throws IOException {
        Duration warm = runner.warmUp();
        for (Target target : targets) {
            List<PhaseResult> parts = List.of(load.closedLoop(target, 16, warm.dividedBy(2)),
                    load.closedLoop(target, 1, warm.dividedBy(2)));
            System.out.printf("warm-up %-36s %8.0f rps at 16 connections, %d errors %s%n", target.name(),
                    parts.get(0).achievedRps(), parts.stream().mapToLong(PhaseResult::errors).sum(),
                    parts.get(0).errorSamples());
        }
        runner.awaitQuiet();
        Map<String, RedisProbe.CommandStats> before = redis == null ? Map.of()
                : RedisProbe.commandStats(redis.info("commandstats"));

        int rounds = arguments.integer("limits-rounds", runner.quick() ? 1 : 5);
        Duration slice = runner.phase().dividedBy(rounds);
        if (slice.compareTo(Duration.ofSeconds(1)) < 0) {
            slice = Duration.ofSeconds(1);
        }
        Duration sliceLength = slice;
        List<List<PhaseResult>> byRound = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            byRound.add(runner.measure(targets, round, "limits",
                    target -> load.closedLoop(target, 1, sliceLength)));
        }
        List<PhaseResult> wide = runner.measure(targets, 0, "limits",
                target -> load.closedLoop(target, 32, runner.phase()));

        if (redis != null) {
            Map<String, RedisProbe.CommandStats> after = RedisProbe.commandStats(redis.info("commandstats"));
            Map<String, Object> scripts = new LinkedHashMap<>();
            for (String command : List.of("evalsha", "eval")) {
                RedisProbe.CommandStats delta = after.getOrDefault(command, new RedisProbe.CommandStats(0, 0))
                        .minus(before.getOrDefault(command, new RedisProbe.CommandStats(0, 0)));
                scripts.put(command, Map.of("calls", delta.calls(), "micros", delta.micros(),
                        "microsPerCall", delta.microsPerCall()));
            }
            section.put("redisScriptsDuringMeasurement", scripts);
        }

        section.put("rounds", rounds);
        section.put("secondsPerRound", sliceLength.toMillis() / 1000.0);
        Map<String, Object> perSystem = new LinkedHashMap<>();
        markdown.append("Bedrock-wire Converse at 1 connection, ").append(rounds).append(rounds == 1 ? " round" : " rounds")
                .append(" of ").append(sliceLength.toMillis() / 1000.0)
                .append(" s per system, then 32 connections for ").append(runner.phase().toSeconds())
                .append(" s. Milliseconds.\n\n")
                .append("| gateway, tenant | p50 by round | p50 (median of rounds) | p99 (median of rounds) | errors "
                        + "| 32 connections RPS | ratio to memory, no limits | CPU ms / req at 32 |\n")
                .append("|---|---|--:|--:|--:|--:|--:|--:|\n");
        for (int i = 0; i < targets.size(); i++) {
            List<Double> p50s = column(byRound, i, true);
            List<Double> p99s = column(byRound, i, false);
            int index = i;
            long errors = byRound.stream().map(round -> round.get(index))
                    .mapToLong(result -> result.errors() + result.shed() + result.refused()).sum()
                    + wide.get(i).errors() + wide.get(i).shed() + wide.get(i).refused();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("p50ByRoundMs", p50s);
            row.put("p99ByRoundMs", p99s);
            row.put("medianP50Ms", PhaseResult.round(Rounds.median(p50s)));
            row.put("medianP99Ms", PhaseResult.round(Rounds.median(p99s)));
            row.put("errors", errors);
            row.put("rps32Connections", wide.get(i).achievedRps());
            row.put("ratioTo32ConnectionsNoLimits", PhaseResult.round(wide.get(i).achievedRps()
                    / wide.get(0).achievedRps()));
            perSystem.put(targets.get(i).api(), row);
            markdown.append("| ").append(targets.get(i).api()).append(" | ").append(p50s).append(" | ")
                    .append(row.get("medianP50Ms")).append(" | ").append(row.get("medianP99Ms")).append(" | ")
                    .append(errors).append(" | ").append(Math.round(wide.get(i).achievedRps())).append(" | ")
                    .append(row.get("ratioTo32ConnectionsNoLimits")).append(" | ")
                    .append(wide.get(i).process() == null ? "-" : wide.get(i).process().cpuSecondsPer1000())
                    .append(" |\n");
        }
        section.put("systems", perSystem);

        List<Map<String, Object>> added = new ArrayList<>();
        String unjudged = runner.quick() || rounds < ROUNDS_TO_JUDGE
                ? "not judged (" + (runner.quick() ? "quick mode, cold gateways" : rounds + " rounds") + ")" : null;
        markdown.append("\n| added | p50 (median of rounds) | p99 (median of rounds) | target at p50 | |\n")
                .append("|---|--:|--:|--:|---|\n");
        added.add(compare(byRound, targets, 2, 0, Double.NaN, "none: the machine's noise", null, markdown));
        added.add(compare(byRound, targets, 1, 0, MEMORY_TARGET_MS, "at most 0.050 ms", unjudged, markdown));
        if (targets.size() == 5) {
            double roundTrip = admit != null ? admit.p50() : ping.p50();
            String target = "one round trip: " + (admit != null ? "the admission script " + admit.p50() + " ms, "
                    : "") + "PING " + ping.p50() + " ms, from the runner (p50)";
            added.add(compare(byRound, targets, 4, 3, roundTrip, target, unjudged, markdown));
            added.add(compare(byRound, targets, 4, 0, roundTrip, target, unjudged, markdown));
            added.add(compare(byRound, targets, 3, 0, Double.NaN, "none (no limits: usage is still settled in "
                    + "Redis, without waiting)", null, markdown));
        }
        section.put("added", added);
        if (ping != null) {
            markdown.append("\nRedis at ").append(section.get("redis")).append(", a round trip from the runner "
                    + "(PING, one at a time): p50 ").append(ping.p50()).append(" ms, p90 ").append(ping.p90())
                    .append(" ms, p99 ").append(ping.p99()).append(" ms.");
            if (admit != null) {
                markdown.append(" The admission script with a call's keys and arguments, from the runner: p50 ")
                        .append(admit.p50()).append(" ms, p90 ").append(admit.p90()).append(" ms, p99 ")
                        .append(admit.p99()).append(" ms.");
            }
            Object scripts = section.get("redisScriptsDuringMeasurement");
            markdown.append(" Redis's own time per script call while measuring (INFO commandstats, admit and settle "
                    + "together, every client of that Redis): ").append(scripts).append(".\n");
        }
    }

    /** The p50s (or p99s) of target {@code index} in each round. */
    private static List<Double> column(List<List<PhaseResult>> byRound, int index, boolean p50) {
        return byRound.stream().map(round -> round.get(index).latencyMs())
                .map(latency -> latency == null ? Double.NaN : p50 ? latency.p50() : latency.p99()).toList();
    }

    /** One "added" row; {@code unjudged}, when not null, replaces the verdict. */
    private static Map<String, Object> compare(List<List<PhaseResult>> byRound, List<Target> targets, int system,
            int baseline, double targetMs, String target, String unjudged, StringBuilder markdown) {
        double p50 = Rounds.medianDifference(column(byRound, baseline, true), column(byRound, system, true));
        double p99 = Rounds.medianDifference(column(byRound, baseline, false), column(byRound, system, false));
        String verdict = Double.isNaN(targetMs) ? "" : unjudged != null ? unjudged : p50 <= targetMs ? "met" : "missed";
        String name = targets.get(system).api() + " over " + targets.get(baseline).api();
        markdown.append("| ").append(name).append(" | ").append(p50).append(" | ").append(p99).append(" | ")
                .append(target).append(" | ").append(verdict).append(" |\n");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("system", targets.get(system).api());
        row.put("over", targets.get(baseline).api());
        row.put("addedP50Ms", p50);
        row.put("addedP99Ms", p99);
        row.put("target", target);
        row.put("verdict", verdict);
        return row;
    }
}
