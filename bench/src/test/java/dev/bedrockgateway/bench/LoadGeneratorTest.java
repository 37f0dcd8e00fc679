package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.sun.net.httpserver.HttpServer;
import dev.bedrockgateway.bench.PhaseResult.Percentiles;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator against the in-process fake. Every bound asserted is deterministic: a latency is never
 * below a delay that the fake (or a test server) is known to add, whatever the machine's load; nothing asserts
 * how fast anything is.
 */
@Timeout(30)
class LoadGeneratorTest {

    /** The fake without delays, shared with {@link FakeBedrockTest}. */
    private static final int FAST_DELTAS = 5;

    /** The slow fake: every answer after 50 ms, then 3 deltas 10 ms apart (the tail another 10 ms later). */
    private static final int DELAY_MS = 50;
    private static final int SLOW_DELTAS = 3;
    private static final int DELTA_DELAY_MS = 10;

    private final LoadGenerator load = new LoadGenerator();
    private HttpServer serialServer;
    private ExecutorService serialExecutor;

    @AfterEach
    void close() {
        load.close();
        if (serialServer != null) {
            serialServer.stop(0);
            serialExecutor.shutdownNow();
        }
    }

    @Test
    void closedLoopWhenOneConnectionToTheFakeThenCompletesRequestsWithoutErrors() {
        Target direct = Systems.direct(FakeBedrockFixture.port(FAST_DELTAS, 0, 0), false);

        PhaseResult result = load.closedLoop(direct, 1, Duration.ofMillis(500));

        assertThat(result.errors()).isZero();
        assertThat(result.errorSamples()).isEmpty();
        assertThat(result.requests()).isPositive();
        assertThat(result.achievedRps()).isPositive();
        assertThat(result.mode()).isEqualTo("connections");
        assertThat(result.load()).isEqualTo(1);
        assertThat(result.latencyMs()).isNotNull();
        assertThat(result.latencyMs().p50()).isPositive();
        assertThat(result.latencyMs().max()).isGreaterThanOrEqualTo(result.latencyMs().p99())
                .isGreaterThanOrEqualTo(result.latencyMs().p50());
        assertThat(result.firstTokenMs()).as("no first token for a non-stream call").isNull();
    }

    @Test
    void closedLoopWhenTheFakeDelaysThenOneConnectionCarriesOneRequestAtATime() {
        Target direct = Systems.direct(FakeBedrockFixture.port(SLOW_DELTAS, DELAY_MS, DELTA_DELAY_MS), false);

        PhaseResult result = load.closedLoop(direct, 1, Duration.ofMillis(500));

        // Each exchange takes at least 50 ms and the next is sent only when it returns: 500 ms hold at most 11.
        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isBetween(1L, 11L);
        assertThat(result.latencyMs().p50()).isGreaterThanOrEqualTo(DELAY_MS);
    }

    @Test
    void openLoopWhenTheFakeDelaysThenSendsEveryScheduledRequestAndCountsTheDelay() {
        Target direct = Systems.direct(FakeBedrockFixture.port(SLOW_DELTAS, DELAY_MS, DELTA_DELAY_MS), false);

        PhaseResult result = load.openLoop(direct, 200, Duration.ofSeconds(1));

        // 200 RPS for 1 s with 50 ms answers needs about 10 connections at once: the generator opens them.
        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isEqualTo(200);
        assertThat(result.mode()).isEqualTo("rate");
        assertThat(result.load()).isEqualTo(200);
        assertThat(result.latencyMs().p50()).isGreaterThanOrEqualTo(DELAY_MS);
        assertThat(result.latencyMs().p90()).isGreaterThanOrEqualTo(DELAY_MS);
    }

    @Test
    void openLoopWhenTheGeneratorStallsThenLatencyCountsFromTheDueTimeNotTheSendTime() {
        // Ten requests due 10 ms apart; the first one sent blocks the generator's event loop for 100 ms (as a GC
        // pause would), so the other nine leave late. Counted from their due times, request i took at least
        // 100 - 10 i ms: the median of the ten is at least 50 ms although the fake answers at once.
        int port = FakeBedrockFixture.port(FAST_DELTAS, 0, 0);
        StallingRequest request = new StallingRequest(Systems.direct(port, false).request(), 100);
        Target stalling = new Target("direct", "bedrock-wire", false, port, request);

        PhaseResult result = load.openLoop(stalling, 100, Duration.ofMillis(100));

        assertThat(request.stalled).isTrue();
        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isEqualTo(10);
        assertThat(result.latencyMs().max()).isGreaterThanOrEqualTo(100);
        assertThat(result.latencyMs().p50()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void openLoopWhenTheServerAnswersOneAtATimeThenQueueingShowsInLatencyInsteadOfALowerRate() throws IOException {
        // 20 requests due 10 ms apart against a server taking 40 ms each, one at a time: the last answer comes
        // at least 20 x 40 = 800 ms after the first request was due, the last request was due at 190 ms.
        int serviceMs = 40;
        int port = startSerialServer(serviceMs);
        Target target = Target.post("serial", "test", false, port, "/slow", Map.of(), "{}");

        PhaseResult result = load.openLoop(target, 100, Duration.ofMillis(200));

        assertThat(result.errors()).isZero();
        assertThat(result.requests()).as("every scheduled request sent, however slow the answers").isEqualTo(20);
        assertThat(result.latencyMs().max()).isGreaterThanOrEqualTo(20 * serviceMs - 19 * 10);
        assertThat(result.achievedRps()).as("20 answers over at least 0.8 s").isLessThanOrEqualTo(25);
    }

    @Test
    void closedLoopWhenStreamingThenFindsTheFirstTokenNoLaterThanTheLast() {
        Target stream = Systems.direct(FakeBedrockFixture.port(SLOW_DELTAS, DELAY_MS, DELTA_DELAY_MS), true);

        PhaseResult result = load.closedLoop(stream, 1, Duration.ofMillis(400));

        // The fake sends the first delta 50 ms after the request and the end of the stream 3 x 10 ms later. Only
        // the send times are known: a client busy elsewhere may read both in one go, so the gap itself is no bound.
        assertThat(result.errors()).isZero();
        assertThat(result.requests()).isPositive();
        Percentiles firstToken = result.firstTokenMs();
        Percentiles lastToken = result.latencyMs();
        assertThat(firstToken).isNotNull();
        assertThat(firstToken.p50()).isGreaterThanOrEqualTo(DELAY_MS);
        assertThat(lastToken.p50()).isGreaterThanOrEqualTo(DELAY_MS + SLOW_DELTAS * DELTA_DELAY_MS);
        // First token <= end for every request, so for every percentile too.
        assertThat(firstToken.p50()).isLessThanOrEqualTo(lastToken.p50());
        assertThat(firstToken.p90()).isLessThanOrEqualTo(lastToken.p90());
        assertThat(firstToken.p99()).isLessThanOrEqualTo(lastToken.p99());
        assertThat(firstToken.max()).isLessThanOrEqualTo(lastToken.max());
    }

    @Test
    @Timeout(10) // a hang guard, far above the 250 ms phase: a lost connect failure would wait 30 s
    void openLoopWhenThePortIsClosedThenEveryRequestIsAnErrorNotAHang() {
        Target nowhere = Systems.direct(Processes.freePort(), false);

        PhaseResult result = load.openLoop(nowhere, 20, Duration.ofMillis(250));

        assertThat(result.requests()).isZero();
        assertThat(result.errors()).isEqualTo(5);
        assertThat(result.errorSamples()).hasSize(5).allSatisfy(sample -> assertThat(sample).startsWith("connect: "));
        assertThat(result.latencyMs()).isNull();
        assertThat(result.achievedRps()).isZero();
    }

    @Test
    @Timeout(10) // a hang guard, far above the 250 ms phase: a lost connect failure would wait 30 s
    void closedLoopWhenThePortIsClosedThenCountsErrorsAndEndsWithThePhase() {
        Target nowhere = Systems.direct(Processes.freePort(), false);

        PhaseResult result = load.closedLoop(nowhere, 2, Duration.ofMillis(200));

        assertThat(result.requests()).isZero();
        assertThat(result.errors()).isGreaterThanOrEqualTo(2);
        assertThat(result.errorSamples()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(result.latencyMs()).isNull();
    }

    @Test
    void openLoopWhenTheServerShedsAndRefusesThenCountsEachApartFromAnswersAndErrors() throws IOException {
        // Request i gets 200, 503, 429, 500, 502 in turn: 50 requests are 10 of each, whatever order they arrive in.
        int port = startStatusServer(200, 503, 429, 500, 502);
        Target target = Target.post("status", "test", false, port, "/status", Map.of(), "{}");

        PhaseResult result = load.openLoop(target, 250, Duration.ofMillis(200));

        assertThat(result.requests()).as("answered").isEqualTo(10);
        assertThat(result.shed()).as("503").isEqualTo(10);
        assertThat(result.refused()).as("429").isEqualTo(10);
        assertThat(result.errors()).as("500 and 502").isEqualTo(20);
        assertThat(result.errorSamples()).isNotEmpty().allSatisfy(sample -> assertThat(sample).isIn("HTTP 500",
                "HTTP 502"));
        assertThat(result.calls()).isEqualTo(50);
        assertThat(result.latencyMs()).as("answered calls only").isNotNull();
        assertThat(result.refusalMs()).as("503s and 429s").isNotNull();
        assertThat(result.refusalMs().max()).isGreaterThanOrEqualTo(result.refusalMs().p50());
        // The phase's seconds are rounded to the millisecond after the rate was computed: within 1%.
        assertThat(result.achievedRps()).as("answered calls a second, not refusals")
                .isCloseTo(result.requests() / result.seconds(), withinPercentage(1));
    }

    @Test
    void closedLoopWhenEveryAnswerIsShedThenKeepsSendingOnTheSameConnectionsAndCountsNoError() throws IOException {
        int port = startStatusServer(503);
        Target target = Target.post("status", "test", false, port, "/status", Map.of(), "{}");

        PhaseResult result = load.closedLoop(target, 2, Duration.ofMillis(200));

        assertThat(result.shed()).isPositive();
        assertThat(result.errors()).isZero();
        assertThat(result.refused()).isZero();
        assertThat(result.requests()).isZero();
        assertThat(result.latencyMs()).isNull();
        assertThat(result.refusalMs()).isNotNull();
    }

    /** An HTTP server answering request {@code i} with {@code statuses[i % n]} and a small body; returns its port. */
    private int startStatusServer(int... statuses) throws IOException {
        AtomicInteger count = new AtomicInteger();
        serialServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        serialExecutor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "status-server");
            thread.setDaemon(true);
            return thread;
        });
        serialServer.setExecutor(serialExecutor);
        serialServer.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = statuses[count.getAndIncrement() % statuses.length];
            byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        serialServer.start();
        return serialServer.getAddress().getPort();
    }

    /** An HTTP server that answers one request at a time, each after {@code serviceMs}; returns its port. */
    private int startSerialServer(int serviceMs) throws IOException {
        AtomicInteger answered = new AtomicInteger();
        serialServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        serialExecutor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "serial-server");
            thread.setDaemon(true);
            return thread;
        });
        serialServer.setExecutor(serialExecutor);
        serialServer.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                TimeUnit.MILLISECONDS.sleep(serviceMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"answered\":" + answered.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        serialServer.start();
        return serialServer.getAddress().getPort();
    }

    /** A request whose first copy for sending blocks the caller, the load generator's event loop. */
    private static final class StallingRequest extends DefaultFullHttpRequest {

        private final long stallMillis;
        private final AtomicBoolean first = new AtomicBoolean(true);
        volatile boolean stalled;

        StallingRequest(FullHttpRequest original, long stallMillis) {
            super(HttpVersion.HTTP_1_1, HttpMethod.POST, original.uri(),
                    Unpooled.unreleasableBuffer(original.content().duplicate()));
            headers().set(original.headers());
            this.stallMillis = stallMillis;
        }

        @Override
        public FullHttpRequest retainedDuplicate() {
            if (first.compareAndSet(true, false)) {
                try {
                    TimeUnit.MILLISECONDS.sleep(stallMillis);
                    stalled = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.retainedDuplicate();
        }
    }
}
