package dev.bedrockgateway.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starting, probing and stopping the processes under test. */
final class Processes {

    private final List<Process> started = new ArrayList<>();

    /** Starts a process whose output goes to {@code log} (the fake's first line is read by the caller). */
    Process start(List<String> command, Map<String, String> environment, File log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (log != null) {
            builder.redirectOutput(log);
        }
        try {
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The {@code PORT=<n>} line a {@link FakeBedrock} prints when it listens. */
    static int readPort(Process process) {
        try {
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("PORT=")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
            throw new IllegalStateException("the fake Bedrock exited without a port");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code url} until it answers 200; returns how long that took from {@code sinceNanos}, in ms. */
    static long awaitHttpOk(Process process, URI url, long sinceNanos, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + ": the process exited with " + process.exitValue());
            }
            try {
                int status = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return (System.nanoTime() - sinceNanos) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout);
    }

    /** Waits until something listens on {@code port}; returns the milliseconds since {@code sinceNanos}. */
    static long awaitListening(Process process, int port, long sinceNanos, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("port " + port + ": the process exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return (System.nanoTime() - sinceNanos) / 1_000_000;
            } catch (IOException e) {
                sleep(20);
            }
        }
        throw new IllegalStateException("nothing listens on " + port + " after " + timeout);
    }

    /** Runs a short command and returns its first output line, or {@code fallback}. */
    static String firstLine(List<String> command, String fallback) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            process.waitFor();
            return line == null ? fallback : line.trim();
        } catch (IOException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }

    /** Stops one process started here and waits for it to exit. */
    void stop(Process process) {
        started.remove(process);
        process.destroy();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    void stopAll() {
        started.forEach(Process::destroy);
        started.forEach(process -> {
            try {
                process.onExit().get();
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
