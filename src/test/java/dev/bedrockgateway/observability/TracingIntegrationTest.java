package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bedrockgateway.api.ConfiguredGateway;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A caller's W3C trace continues through the gateway: its trace ID is the one the gateway logs the call under,
 * and the Bedrock call is a span of its own under the server's request span. The spans are read from
 * {@link RecordedSpans}, which {@link ConfiguredGateway}'s shared context holds for this class.
 */
@ConfiguredGateway
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTest {

    private static final String BODY = """
            {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"trace me"}]}""";

    @Autowired
    GatewayClient gateway;

    @Autowired
    RecordedSpans spans;

    @Test
    void chatWhenTheCallerSendsATraceparentThenTheAccessLogCarriesTheCallersTraceId(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        GatewayResponse response =
                gateway.postJson("/v1/chat/completions", BODY, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(response.status()).isEqualTo(200);
        String line = accessLine(output, response.header("x-request-id"));
        assertThat(line).contains("trace_id=" + traceId);
    }

    @Test
    void chatWhenNoTraceparentIsSentThenTheCallStartsATraceOfItsOwn(CapturedOutput output) {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", BODY);

        String line = accessLine(output, response.header("x-request-id"));
        assertThat(line).containsPattern("trace_id=[0-9a-f]{32}");
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void chatWhenTheCallerSendsATraceparentThenTheBedrockCallIsAChildSpanOfTheServerRequestSpan(boolean stream) {
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
    private SpanData awaitSpan(String traceId, Predicate<SpanData> match) {
        return await("a matching span in trace " + traceId)
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> spans.ended().stream()
                                .filter(span -> span.getTraceId().equals(traceId))
                                .filter(match)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The access log line of a request; an async request logs it just after the response has gone out. */
    private static String accessLine(CapturedOutput output, String requestId) {
        return await("the access log line of request " + requestId)
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> output.getOut()
                                .lines()
                                .filter(l -> l.contains("dev.bedrockgateway.access")
                                        && l.contains("request_id=" + requestId))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
