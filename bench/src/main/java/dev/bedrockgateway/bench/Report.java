package dev.bedrockgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's results: every phase as measured, the added latency of each system over the direct call
 * of the same phase, and the machine it ran on; as JSON for tools and a Markdown table for people.
 */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Map<String, Object> setup;
    private final List<PhaseResult> results;
    private final boolean quick;
    private final Map<String, Object> sections;
    private final String summaries;

    /**
     * @param sections what the phases beyond the basic ones found (limits, overload, in flight), by phase
     * @param summaries their Markdown, written under the table
     */
    Report(Map<String, Object> setup, List<PhaseResult> results, boolean quick, Map<String, Object> sections,
            String summaries) {
        this.setup = setup;
        this.results = results;
        this.quick = quick;
        this.sections = sections;
        this.summaries = summaries;
    }

    /** Writes {@code <time>[-quick]<suffix>.json} into {@code directory}. */
    Path writeJson(Path directory, String suffix) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("mode", quick ? "quick" : "full");
        document.put("machine", machine());
        document.put("setup", setup);
        document.put("phases", results);
        List<Map<String, Object>> added = new ArrayList<>();
        for (PhaseResult result : results) {
            PhaseResult direct = directOf(result);
            if (direct != null && result != direct) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("system", result.name());
                row.put("mode", result.mode());
                row.put("load", result.load());
                if (comparable(result) && direct.latencyMs() != null) {
                    row.put("addedLatencyMs", result.latencyMs().minus(direct.latencyMs()));
                    if (result.firstTokenMs() != null && direct.firstTokenMs() != null) {
                        row.put("addedFirstTokenMs", result.firstTokenMs().minus(direct.firstTokenMs()));
                    }
                }
                row.put("throughputRatioToDirect", PhaseResult.round(result.achievedRps() / direct.achievedRps()));
                added.add(row);
            }
        }
        document.put("added", added);
        document.putAll(sections);
        String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + (quick ? "-quick" : "") + suffix + ".json";
        Path file = directory.resolve(name);
        try {
            Files.writeString(file, JSON.writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("Machine: ").append(machine()).append('\n').append("Setup: ").append(setup).append("\n\n");
        table.append("| phase | system | RPS | errors | p50 | p90 | p99 | max | added p50 | added p99 "
                + "| first token p50 / p99 | added first token p50 / p99 | CPU s / 1k req | wake-ups / req | RSS MB (peak) | of which file-backed MB "
                + "| shed 503 / refused 429 | refusal p50 / p99 / max |\n");
        table.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (PhaseResult result : results) {
            PhaseResult direct = directOf(result);
            PhaseResult.Percentiles latency = result.latencyMs();
            PhaseResult.Percentiles added = direct == null || !comparable(result) || direct.latencyMs() == null
                    ? null : latency.minus(direct.latencyMs());
            PhaseResult.Percentiles firstToken = result.firstTokenMs();
            PhaseResult.Percentiles addedFirst = direct == null || !comparable(result) || firstToken == null
                    || direct.firstTokenMs() == null
                    ? null : firstToken.minus(direct.firstTokenMs());
            ProcessUsage usage = result.process();
            table.append("| ").append(phaseName(result)).append(" | ").append(result.name())
                    .append(" | ").append(Math.round(result.achievedRps()))
                    .append(" | ").append(result.errors())
                    .append(" | ").append(latency == null ? "-" : latency.p50())
                    .append(" | ").append(latency == null ? "-" : latency.p90())
                    .append(" | ").append(latency == null ? "-" : latency.p99())
                    .append(" | ").append(latency == null ? "-" : latency.max())
                    .append(" | ").append(added == null || result == direct ? "-" : added.p50())
                    .append(" | ").append(added == null || result == direct ? "-" : added.p99())
                    .append(" | ").append(firstToken == null ? "-" : firstToken.p50() + " / " + firstToken.p99())
                    .append(" | ").append(addedFirst == null || result == direct ? "-"
                            : addedFirst.p50() + " / " + addedFirst.p99())
                    .append(" | ").append(usage == null ? "-" : usage.cpuSecondsPer1000())
                    .append(" | ").append(usage == null ? "-" : usage.wakeupsPerRequest())
                    .append(" | ").append(usage == null ? "-"
                            : Math.round(usage.rssMb()) + " (" + Math.round(usage.peakRssMb()) + ")")
                    .append(" | ").append(usage == null ? "-" : Math.round(usage.fileRssMb()))
                    .append(" | ").append(result.shed() + result.refused() == 0 ? "-"
                            : result.shed() + " / " + result.refused())
                    .append(" | ").append(result.refusalMs() == null ? "-" : result.refusalMs().p50() + " / "
                            + result.refusalMs().p99() + " / " + result.refusalMs().max())
                    .append(" |\n");
        }
        if (!summaries.isEmpty()) {
            table.append('\n').append(summaries);
        }
        return table.toString();
    }

    /** One progress line while the benchmark runs. */
    static String line(PhaseResult result) {
        PhaseResult.Percentiles latency = result.latencyMs();
        return String.format("%-22s %-28s %8.0f rps %6d err  p50 %7.3f  p99 %7.3f  max %8.3f ms%s%s%s%s",
                phaseName(result), result.name(), result.achievedRps(), result.errors(),
                latency == null ? Double.NaN : latency.p50(), latency == null ? Double.NaN : latency.p99(),
                latency == null ? Double.NaN : latency.max(),
                result.firstTokenMs() == null ? "" : String.format("  ttft p50 %7.3f", result.firstTokenMs().p50()),
                result.process() == null ? "" : String.format("  cpu %.3f ms  wake-ups %.1f /req",
                        result.process().cpuSecondsPer1000(), result.process().wakeupsPerRequest()),
                result.refusalMs() == null ? "" : String.format("  503 %d  429 %d  refusal p50 %.3f p99 %.3f ms",
                        result.shed(), result.refused(), result.refusalMs().p50(), result.refusalMs().p99()),
                result.errorSamples().isEmpty() ? "" : "  " + result.errorSamples());
    }

    static String phaseName(PhaseResult result) {
        String shape = result.mode().equals("rate") ? result.load() + " RPS open loop"
                : result.load() + (result.load() == 1 ? " connection" : " connections");
        return result.phase() == null || result.phase().isEmpty() ? shape : result.phase() + ": " + shape;
    }

    /**
     * Whether subtracting the direct call's latency means anything: not under overload (errors), and not at
     * fixed concurrency above one, where latency is queueing at each system's own ceiling.
     */
    private static boolean comparable(PhaseResult result) {
        return result.latencyMs() != null && result.errors() == 0 && result.shed() == 0 && result.refused() == 0
                && !(result.mode().equals("connections") && result.load() > 1);
    }

    private PhaseResult directOf(PhaseResult result) {
        return results.stream().filter(other -> other.system().equals("direct"))
                .filter(other -> other.mode().equals(result.mode()) && other.load() == result.load()
                        && other.stream() == result.stream() && other.phase().equals(result.phase()))
                .findFirst().orElse(null);
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", firstMatching(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory", firstMatching(Path.of("/proc/meminfo"), "MemTotal"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("loadGeneratorJdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static String firstMatching(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).filter(Objects::nonNull)
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
