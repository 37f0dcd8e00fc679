package dev.bedrockgateway.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end benchmark: starts the fake Bedrock, the gateway (as in production: a tenant key, routing,
 * metrics, access log) and Portkey (when installed) as separate processes, then measures every system in
 * turn, phase by phase, so all figures of a phase come from the same minute of the same machine.
 *
 * <p>Arguments: {@code --gateway-jar=PATH} (required), {@code --portkey-dir=DIR} (holding
 * {@code node_modules/@portkey-ai/gateway}; absent: the peer is skipped), {@code --out=DIR},
 * {@code --quick}, {@code --seconds=N} (per phase), {@code --warmup-seconds=N} (per path), {@code --no-streams},
 * {@code --rates=200,1000,2000} (open-loop phases; none in quick mode), {@code --deltas=N}, {@code --gateway-jvm="..."} (JVM
 * options, default as the image runs them: {@link #IMAGE_JVM}), {@code --gateway-aot-cache=FILE} (a JDK AOT cache,
 * added to any JVM options), {@code --gateway-args="..."} (extra Spring arguments, e.g.
 * {@code --spring.threads.virtual.enabled=false} to compare thread models), {@code --gateway-env="NAME=value ..."}
 * (environment of the gateway only, default {@link #IMAGE_ENV}), {@code --phases=base,limits,overload,inflight,streams}
 * (which phases run, default all; {@code base} is the comparison with direct and Portkey; a run of some phases is
 * named after them), {@code --label=NAME} (added to the result's file name), and the options of the
 * other phases ({@link LimitsPhase}, {@link OverloadPhase}, {@link InFlightPhase}, {@link StreamsPhase}).
 */
public final class BenchRunner {

    /**
     * The gateway's JVM as the image runs it in the Helm chart's 1 GiB container: the heap the JVM sizes itself
     * there (MaxRAMPercentage=75, InitialRAMPercentage=6; under 1,792 MB it is not a "server-class machine", so
     * Serial GC) and the Dockerfile's native-heap trim. {@code --gateway-jvm} replaces it whole.
     */
    static final String IMAGE_JVM =
            "-Xms64m -Xmx768m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError";

    /** The Dockerfile's environment for the JVM: two malloc arenas. {@code --gateway-env} replaces it whole. */
    static final String IMAGE_ENV = "MALLOC_ARENA_MAX=2";

    /** Open-loop rate of the warm-up's third part: below every system's limit here, Portkey's included. */
    private static final int WARM_UP_RATE = 400;

    /** The phases {@code --phases} may name, in the order they run. */
    static final List<String> PHASES = List.of("base", "limits", "overload", "inflight", "streams");

    /**
     * The tenant with limits on every gateway of the run: requests and tokens per minute, a per-model glob, calls
     * in flight and a daily budget, all far above what a run can use, so that every call is admitted and pays the
     * whole check. The benchmark's calls cost about 0.00004 USD each at the catalog's price.
     */
    static final List<String> HIGH_LIMITS = List.of(
            "--gateway.tenants.limited.limits.requests-per-minute=1000000000",
            "--gateway.tenants.limited.limits.tokens-per-minute=1000000000000",
            "--gateway.tenants.limited.limits.concurrent-requests=100000",
            "--gateway.tenants.limited.limits.budget.usd-per-day=1000000",
            "--gateway.tenants.limited.limits.models[*haiku*].requests-per-minute=1000000000",
            "--gateway.tenants.limited.limits.models[*haiku*].tokens-per-minute=1000000000000");

    /** A running gateway: its process and its API and management ports. */
    record Gateway(String name, Process process, int port, int managementPort, long startupMs) {
    }

    private final Arguments arguments;
    private final boolean quick;
    private final Duration phase;
    private final Processes processes = new Processes();
    private final List<PhaseResult> results = new ArrayList<>();
    private final Map<String, Object> setup = new LinkedHashMap<>();
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private final StringBuilder summaries = new StringBuilder();
    private final Map<String, Long> pids = new LinkedHashMap<>();
    // java.home, not ProcessHandle.info(): the latter is empty now and then, which silently picked the PATH java.
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private Path logs;

    private BenchRunner(Arguments arguments) {
        this.arguments = arguments;
        this.quick = arguments.flag("quick");
        this.phase = Duration.ofSeconds(arguments.integer("seconds", quick ? 2 : 15));
    }

    public static void main(String[] args) throws Exception {
        BenchRunner runner = new BenchRunner(Arguments.parse(args));
        try {
            runner.run();
        } finally {
            runner.processes.stopAll();
        }
    }

    private void run() throws Exception {
        Path out = Path.of(arguments.string("out", "bench/results"));
        Files.createDirectories(out);
        logs = Files.createTempDirectory("bedrock-gateway-bench");
        int deltas = arguments.integer("deltas", 20);
        Set<String> selected = arguments.names("phases", String.join(",", PHASES), PHASES);
        setup.put("phases", List.copyOf(selected));

        Process fake = startFake("direct", "--deltas=" + deltas);
        int fakePort = Processes.readPort(fake);

        Gateway gateway = startGateway("gateway", fakePort, HIGH_LIMITS);
        setup.put("gatewayStartupToReadyMs", gateway.startupMs());
        // max-in-flight: auto as the image's heap and the default Bedrock pool (1,000 connections) make it.
        setup.put("gatewayMaxInFlight", GatewayProbe.gauge(gateway.managementPort(), "gateway_in_flight_limit"));

        List<Target> single = new ArrayList<>();
        List<Target> streams = new ArrayList<>();
        single.add(Systems.direct(fakePort, false));
        single.addAll(Systems.gateway(gateway.port(), false));
        streams.add(Systems.direct(fakePort, true));
        streams.addAll(Systems.gateway(gateway.port(), true));
        Path portkeyDir = Path.of(arguments.string("portkey-dir", "")).toAbsolutePath();
        Path portkeyServer = portkeyDir.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
        if (!selected.contains("base")) {
            System.out.println("Phases " + selected + ": no comparison with direct and Portkey");
        } else if (Files.isRegularFile(portkeyServer)) {
            int portkeyPort = Processes.freePort();
            long started = System.nanoTime();
            Process portkey = processes.start(List.of("node", portkeyServer.toString(), "--port=" + portkeyPort,
                    "--headless"), Map.of(), logs.resolve("portkey.log").toFile());
            setup.put("portkeyStartupMs", Processes.awaitListening(portkey, portkeyPort, started, Duration.ofSeconds(60)));
            setup.put("portkey", portkeyVersion(portkeyDir));
            setup.put("node", Processes.firstLine(List.of("node", "--version"), "unknown"));
            pids.put("portkey", portkey.pid());
            single.add(Systems.portkey(portkeyPort, fakePort, false));
            streams.add(Systems.portkey(portkeyPort, fakePort, true));
        } else {
            System.out.println("Portkey not installed in " + portkeyDir + ": peer rows skipped");
        }

        if (arguments.flag("no-streams")) {
            streams.clear();
        }
        try (LoadGenerator load = new LoadGenerator()) {
            if (selected.contains("base")) {
                warmUp(load, single, streams);
                phases(load, single, streams);
            }
            if (selected.contains("limits")) {
                new LimitsPhase(this, arguments, load).run(gateway, fakePort);
            }
            if (selected.contains("overload")) {
                new OverloadPhase(this, arguments, load).run();
            }
            if (selected.contains("inflight")) {
                new InFlightPhase(this, arguments, load).run();
            }
            if (selected.contains("streams")) {
                new StreamsPhase(this, arguments, load).run();
            }
        }
        Report report = new Report(setup, results, quick, sections, summaries.toString());
        // A run of some phases only is named after them; --label=NAME adds what the run was for.
        String label = arguments.string("label", "");
        String suffix = (selected.size() == PHASES.size() ? "" : "-" + String.join("-", selected))
                + (label.isBlank() ? "" : "-" + label.trim());
        Path json = report.writeJson(out, suffix);
        String table = report.markdown();
        Files.writeString(Path.of(json.toString().replace(".json", ".md")), table, StandardCharsets.UTF_8);
        System.out.println(table);
        System.out.println("Results: " + json);
    }

    boolean quick() {
        return quick;
    }

    /** One measured phase ({@code --seconds}). */
    Duration phase() {
        return phase;
    }

    /** Warm-up per path ({@code --warmup-seconds}). */
    Duration warmUp() {
        return Duration.ofSeconds(arguments.integer("warmup-seconds", quick ? 1 : 20));
    }

    /** A section of the JSON report, and its Markdown under the table. */
    void section(String name, Map<String, Object> content, String markdown) {
        sections.put(name, content);
        summaries.append(markdown).append('\n');
        System.out.println(markdown);
    }

    /** A fake Bedrock with these options, measured as {@code name} (its port: {@link Processes#readPort}). */
    Process startFake(String name, String... options) {
        List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), FakeBedrock.class.getName(), "--port=0"));
        command.addAll(List.of(options));
        Process fake = processes.start(command, Map.of(), null);
        pids.put(name, fake.pid());
        return fake;
    }

    /** Stops a process started for one phase, and stops watching it. */
    void stop(String name, Process process) {
        pids.remove(name);
        processes.stop(process);
    }

    /** Resident memory of a system now, and its peak so far. */
    ProcessUsage memory(String name) {
        return ProcessUsage.now(pids.get(name));
    }

    /**
     * A gateway as production runs it, measured as {@code name}: the tenants {@code bench} (no limits) and
     * {@code limited} (whose limits {@code extra} may set), calling the fake on {@code fakePort}, with the run's JVM
     * options, environment and {@code --gateway-args}, then {@code extra}. Returns once it is ready.
     */
    Gateway startGateway(String name, int fakePort, List<String> extra) throws Exception {
        String jar = arguments.string("gateway-jar", "");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalArgumentException("--gateway-jar=" + jar + " is not a file: build it first");
        }
        int port = Processes.freePort();
        int managementPort = Processes.freePort();
        List<String> command = new ArrayList<>(List.of(java));
        String jvm = arguments.string("gateway-jvm", IMAGE_JVM);
        command.addAll(List.of(jvm.trim().split("\\s+")));
        String aotCache = arguments.string("gateway-aot-cache", "");
        if (!aotCache.isEmpty()) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(List.of("-jar", jar,
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--gateway.bedrock.endpoint=http://127.0.0.1:" + fakePort,
                "--gateway.bedrock.region=us-east-1",
                "--gateway.tenants.bench.api-keys[0]=sha256:" + sha256(Systems.API_KEY),
                "--gateway.tenants.limited.api-keys[0]=sha256:" + sha256(Systems.LIMITED_API_KEY)));
        String gatewayArgs = arguments.string("gateway-args", "");
        if (!gatewayArgs.isBlank()) {
            command.addAll(List.of(gatewayArgs.trim().split("\\s+")));
            setup.put("gatewayArgs", gatewayArgs.trim());
        }
        command.addAll(extra);
        setup.putIfAbsent("gatewayCommand", String.join(" ", command.subList(0, command.indexOf("-jar"))));
        setup.putIfAbsent("gatewayJdk", javaVersion(java));
        long started = System.nanoTime();
        Map<String, String> environment = new LinkedHashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIDBENCHMARK",
                "AWS_SECRET_ACCESS_KEY", "bench-secret", "AWS_REGION", "us-east-1"));
        Map<String, String> variables = arguments.pairs("gateway-env", IMAGE_ENV);
        environment.putAll(variables);
        if (!variables.isEmpty()) {
            setup.put("gatewayEnv", variables);
        }
        Process process = processes.start(command, environment, logs.resolve(name + ".log").toFile());
        long startupMs = Processes.awaitHttpOk(process,
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"), started,
                Duration.ofSeconds(60));
        pids.put(name, process.pid());
        return new Gateway(name, process, port, managementPort, startupMs);
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * JIT warm-up of every path in every traffic shape the phases use, unrecorded: the first minute of a JVM
     * is not its steady state, and code compiled under one shape only (say, a single connection) may be
     * thrown away and recompiled when the next shape takes branches it never saw. (It did not remove the
     * start-of-phase stalls at 1,000 RPS: docs/performance.md.)
     */
    private void warmUp(LoadGenerator load, List<Target> single, List<Target> streams) {
        Duration warm = Duration.ofSeconds(arguments.integer("warmup-seconds", quick ? 1 : 20));
        Duration part = warm.dividedBy(3);
        for (Target target : concat(single, streams)) {
            List<PhaseResult> parts = List.of(load.closedLoop(target, 16, part), load.closedLoop(target, 1, part),
                    load.openLoop(target, WARM_UP_RATE, part));
            System.out.printf("warm-up %-28s %8.0f rps at 16 connections, %d errors %s%n", target.name(),
                    parts.get(0).achievedRps(), parts.stream().mapToLong(PhaseResult::errors).sum(),
                    parts.get(0).errorSamples());
        }
    }

    private void phases(LoadGenerator load, List<Target> single, List<Target> streams) {
        int round = 0;
        measure(single, round++, "", target -> load.closedLoop(target, 1, phase));
        // Quick mode keeps to a minute: the floor, the ceiling and streams, not the open-loop rates (unless --rates).
        for (int rate : rates()) {
            measure(single, round++, "", target -> load.openLoop(target, rate, phase));
        }
        measure(single, round++, "", target -> load.closedLoop(target, 32, phase));
        if (streams.isEmpty()) {
            return;
        }
        measure(streams, round++, "", target -> load.closedLoop(target, 1, phase));
        if (!quick) {
            measure(streams, round, "", target -> load.openLoop(target, 200, phase));
        }
    }

    /**
     * One phase for every target, starting at a different one each time so no system always goes first; the
     * results in {@code targets}' order, named {@code phaseName} (empty for the basic phases).
     */
    List<PhaseResult> measure(List<Target> targets, int round, String phaseName, Function<Target, PhaseResult> run) {
        PhaseResult[] measured = new PhaseResult[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            int index = (i + round) % targets.size();
            Target target = targets.get(index);
            long pid = pids.get(target.system());
            long ticks = ProcessUsage.cpuTicks(pid);
            long switches = ProcessUsage.contextSwitches(pid);
            PhaseResult result = run.apply(target);
            // CPU and wake-ups per call answered or refused: a refusal is work too.
            result = result.withProcess(ProcessUsage.of(pid, ticks, switches,
                    result.requests() + result.shed() + result.refused())).inPhase(phaseName);
            measured[index] = result;
            results.add(result);
            System.out.println(Report.line(result));
            Duration settled = ProcessUsage.awaitQuiet(pids.values(), Duration.ofSeconds(60));
            if (settled.toSeconds() >= 2) {
                System.out.printf("  (waited %d s for the systems to go quiet)%n", settled.toSeconds());
            }
        }
        return List.of(measured);
    }

    /** Waits until every process is quiet (at most a minute), as between phases. */
    void awaitQuiet() {
        ProcessUsage.awaitQuiet(pids.values(), Duration.ofSeconds(60));
    }

    private int[] rates() {
        String rates = arguments.string("rates", quick ? "" : "200,1000,2000");
        return rates.isBlank() ? new int[0]
                : Arrays.stream(rates.split(",")).mapToInt(rate -> Integer.parseInt(rate.trim())).toArray();
    }

    private static List<Target> concat(List<Target> first, List<Target> second) {
        List<Target> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String javaVersion(String java) {
        try {
            Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return text.lines().skip(1).findFirst().orElse("unknown").trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String portkeyVersion(Path dir) {
        try {
            return JsonMapper.builder().build()
                    .readTree(dir.resolve("node_modules/@portkey-ai/gateway/package.json").toFile())
                    .path("version").asString("unknown");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
