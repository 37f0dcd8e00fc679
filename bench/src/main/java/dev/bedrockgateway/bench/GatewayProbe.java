package dev.bedrockgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the runner reads from a running gateway besides {@code /proc}: its live heap (the class histogram that
 * {@code jcmd} prints after a full collection) and a gauge of its Prometheus endpoint on the management port.
 */
final class GatewayProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private GatewayProbe() {
    }

    /**
     * Bytes of live objects in {@code pid}'s heap: {@code jcmd <pid> GC.class_histogram} runs a full collection
     * first, so this is what a call in flight keeps reachable, not garbage it left.
     */
    static long liveHeapBytes(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd GC.class_histogram failed: " + output);
            }
            return histogramTotalBytes(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes column of the {@code Total} line that ends a class histogram. */
    static long histogramTotalBytes(String histogram) {
        return histogram.lines().map(String::trim).filter(line -> line.startsWith("Total "))
                .reduce((first, second) -> second)
                .map(line -> {
                    String[] columns = line.split("\\s+");
                    return Long.parseLong(columns[columns.length - 1]);
                })
                .orElseThrow(() -> new IllegalStateException("no Total line in the class histogram"));
    }

    /** The value of a gauge without tags on the gateway's Prometheus endpoint, or NaN when it cannot be read. */
    static double gauge(int managementPort, String name) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return prometheusValue(text, name);
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** The sample of {@code name} (with or without labels) in Prometheus's text format, or NaN. */
    static double prometheusValue(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String[] parts = line.trim().split("\\s+");
                return Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return Double.NaN;
    }
}
