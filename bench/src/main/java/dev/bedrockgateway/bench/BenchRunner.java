package dev.bedrockgateway.bench;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * (environment of the gateway only, default {@link #IMAGE_ENV}).
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

    private final Arguments arguments;
    private final boolean quick;
    private final Duration phase;
    private final Processes processes = new Processes();
    private final List<PhaseResult> results = new ArrayList<>();
    private final Map<String, Object> setup = new LinkedHashMap<>();
    private final Map<String, Long> pids = new LinkedHashMap<>();

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
        Path logs = Files.createTempDirectory("bedrock-gateway-bench");
        int deltas = arguments.integer("deltas", 20);

        // java.home, not ProcessHandle.info(): the latter is empty now and then, which silently picked the PATH java.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process fake = processes.start(List.of(java, "-Xms64m", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                FakeBedrock.class.getName(), "--port=0", "--deltas=" + deltas), Map.of(), null);
        int fakePort = Processes.readPort(fake);
        pids.put("direct", fake.pid());

        int gatewayPort = Processes.freePort();
        int managementPort = Processes.freePort();
        Process gateway = startGateway(java, fakePort, gatewayPort, managementPort, logs.resolve("gateway.log").toFile());
        pids.put("gateway", gateway.pid());

        List<Target> single = new ArrayList<>();
        List<Target> streams = new ArrayList<>();
        single.add(Systems.direct(fakePort, false));
        single.addAll(Systems.gateway(gatewayPort, false));
        streams.add(Systems.direct(fakePort, true));
        streams.addAll(Systems.gateway(gatewayPort, true));
        Path portkeyDir = Path.of(arguments.string("portkey-dir", "")).toAbsolutePath();
        Path portkeyServer = portkeyDir.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
        if (Files.isRegularFile(portkeyServer)) {
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
            warmUp(load, single, streams);
            phases(load, single, streams);
        }
        Report report = new Report(setup, results, quick);
        Path json = report.writeJson(out);
        String table = report.markdown();
        Files.writeString(Path.of(json.toString().replace(".json", ".md")), table, StandardCharsets.UTF_8);
        System.out.println(table);
        System.out.println("Results: " + json);
    }

    private Process startGateway(String java, int fakePort, int port, int managementPort, File log) throws Exception {
        String jar = arguments.string("gateway-jar", "");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalArgumentException("--gateway-jar=" + jar + " is not a file: build it first");
        }
        String keyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Systems.API_KEY.getBytes(StandardCharsets.UTF_8)));
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
                "--gateway.tenants.bench.api-keys[0]=sha256:" + keyHash));
        String extra = arguments.string("gateway-args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
            setup.put("gatewayArgs", extra.trim());
        }
        setup.put("gatewayCommand", String.join(" ", command.subList(0, command.indexOf("-jar"))));
        setup.put("gatewayJdk", javaVersion(java));
        long started = System.nanoTime();
        Map<String, String> environment = new LinkedHashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIDBENCHMARK",
                "AWS_SECRET_ACCESS_KEY", "bench-secret", "AWS_REGION", "us-east-1"));
        Map<String, String> variables = arguments.pairs("gateway-env", IMAGE_ENV);
        environment.putAll(variables);
        if (!variables.isEmpty()) {
            setup.put("gatewayEnv", variables);
        }
        Process gateway = processes.start(command, environment, log);
        setup.put("gatewayStartupToReadyMs", Processes.awaitHttpOk(gateway,
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"), started,
                Duration.ofSeconds(60)));
        return gateway;
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
        measure(single, round++, target -> load.closedLoop(target, 1, phase));
        // Quick mode keeps to a minute: the floor, the ceiling and streams, not the open-loop rates (unless --rates).
        for (int rate : rates()) {
            measure(single, round++, target -> load.openLoop(target, rate, phase));
        }
        measure(single, round++, target -> load.closedLoop(target, 32, phase));
        if (streams.isEmpty()) {
            return;
        }
        measure(streams, round++, target -> load.closedLoop(target, 1, phase));
        if (!quick) {
            measure(streams, round, target -> load.openLoop(target, 200, phase));
        }
    }

    /** One phase for every target, starting at a different one each time so no system always goes first. */
    private void measure(List<Target> targets, int round, Function<Target, PhaseResult> run) {
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get((i + round) % targets.size());
            long pid = pids.get(target.system());
            long ticks = ProcessUsage.cpuTicks(pid);
            long switches = ProcessUsage.contextSwitches(pid);
            PhaseResult result = run.apply(target);
            result = result.withProcess(ProcessUsage.of(pid, ticks, switches, result.requests()));
            results.add(result);
            System.out.println(Report.line(result));
            Duration settled = ProcessUsage.awaitQuiet(pids.values(), Duration.ofSeconds(60));
            if (settled.toSeconds() >= 2) {
                System.out.printf("  (waited %d s for the systems to go quiet)%n", settled.toSeconds());
            }
        }
    }

    private int[] rates() {
        String rates = arguments.string("rates", quick ? "" : "200,1000,2000");
        return rates.isBlank() ? new int[0]
                : java.util.Arrays.stream(rates.split(",")).mapToInt(rate -> Integer.parseInt(rate.trim())).toArray();
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
