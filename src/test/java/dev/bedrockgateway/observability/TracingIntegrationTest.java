package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

/**
 * A caller's W3C trace continues through the gateway: its trace ID is the one the gateway logs the call under,
 * and the Bedrock call is a span of its own under the server's request span.
 */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTest {

    private static final String BODY = """
            {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"trace me"}]}""";

    @Autowired
    GatewayClient gateway;

    @Autowired
    EndedSpans spans;

    @Test
    void chatWhenTheCallerSendsATraceparentThenTheAccessLogCarriesTheCallersTraceId(CapturedOutput output)
            throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        GatewayResponse response =
                gateway.postJson("/v1/chat/completions", BODY, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(response.status()).isEqualTo(200);
        String line = accessLine(output, response.header("x-request-id"));
        assertThat(line).contains("trace_id=" + traceId);
    }

    @Test
    void chatWhenNoTraceparentIsSentThenTheCallStartsATraceOfItsOwn(CapturedOutput output) throws InterruptedException {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", BODY);

        String line = accessLine(output, response.header("x-request-id"));
        assertThat(line).containsPattern("trace_id=[0-9a-f]{32}");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void chatWhenTheCallerSendsATraceparentThenTheBedrockCallIsAChildSpanOfTheServerRequestSpan(boolean stream)
            throws InterruptedException {
        String traceId = stream ? "5bf92f3577b34da6a3ce929d0e0e4737" : "6bf92f3577b34da6a3ce929d0e0e4738";
        String callerSpanId = "00f067aa0ba902b7";

        GatewayResponse response = gateway.postJson(
                "/v1/chat/completions",
                BODY.replace("\"messages\"", "\"stream\":" + stream + ",\"messages\""),
                "traceparent",
                "00-" + traceId + "-" + callerSpanId + "-01");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        SpanData server = awaitSpan(traceId, span -> span.getKind() == SpanKind.SERVER);
        SpanData bedrock = awaitSpan(traceId, span -> span.getName().startsWith("bedrock "));
        assertThat(server.getParentSpanId())
                .as("the server span continues the caller's")
                .isEqualTo(callerSpanId);
        assertThat(bedrock.getName()).isEqualTo(stream ? "bedrock ConverseStream" : "bedrock Converse");
        assertThat(bedrock.getParentSpanId())
                .as("parent of %s", bedrock.getName())
                .isEqualTo(server.getSpanId());
        assertThat(bedrock.getSpanId()).isNotIn(callerSpanId, server.getSpanId());
    }

    /** The first ended span of the trace that matches; spans end just after the response has gone out. */
    private SpanData awaitSpan(String traceId, Predicate<SpanData> match) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            SpanData found = spans.ended().stream()
                    .filter(span -> span.getTraceId().equals(traceId))
                    .filter(match)
                    .findFirst()
                    .orElse(null);
            if (found != null) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching span in trace " + traceId + " among " + spans.ended());
    }

    /** The access log line of a request; an async request logs it just after the response has gone out. */
    private static String accessLine(CapturedOutput output, String requestId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            String line = output.getOut()
                    .lines()
                    .filter(l -> l.contains("dev.bedrockgateway.access") && l.contains("request_id=" + requestId))
                    .findFirst()
                    .orElse(null);
            if (line != null) {
                return line;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no access log line for request " + requestId);
    }

    /** Keeps every span that ends, beside the exporter Spring Boot configures. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SpanRecording {

        @Bean
        EndedSpans endedSpans() {
            return new EndedSpans();
        }
    }

    /** A span processor (Spring Boot adds every SpanProcessor bean to the tracer provider) that records ended spans. */
    static final class EndedSpans implements SpanProcessor {

        private final Queue<SpanData> ended = new ConcurrentLinkedQueue<>();

        List<SpanData> ended() {
            return List.copyOf(ended);
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            // Never called: isStartRequired() is false, since only ended spans are recorded.
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
