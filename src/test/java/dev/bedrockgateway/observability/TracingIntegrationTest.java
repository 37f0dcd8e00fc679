package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A caller's W3C trace continues through the gateway: its trace ID is the one the gateway logs the call under. */
@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTest {

    private static final String BODY = """
            {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"trace me"}]}""";

    @Autowired
    GatewayClient gateway;

    @Test
    void chatWhenTheCallerSendsATraceparentThenTheAccessLogCarriesTheCallersTraceId(CapturedOutput output)
            throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        GatewayResponse response = gateway.postJson("/v1/chat/completions", BODY,
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

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

    /** The access log line of a request; an async request logs it just after the response has gone out. */
    private static String accessLine(CapturedOutput output, String requestId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            String line = output.getOut().lines()
                    .filter(l -> l.contains("dev.bedrockgateway.access") && l.contains("request_id=" + requestId))
                    .findFirst().orElse(null);
            if (line != null) {
                return line;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no access log line for request " + requestId);
    }
}
