package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pins {@code gateway.api.stream-keep-alive} on a real stream: a stream silent for longer than the keep-alive
 * ({@link ConfiguredGateway}'s 200 ms) gets comment lines and still ends normally, in both stream formats,
 * while a stream whose events flow faster gets none.
 */
@ConfiguredGateway
class StreamKeepAliveIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void completionsStreamWhenTheModelIsSilentForLongerThanTheKeepAliveThenCommentsKeepTheStreamBusy()
            throws Exception {
        simulator.delayStreamDeltas(Duration.ofMillis(700));

        List<String> lines = streamLines("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        assertThat(lines).contains(": keep-alive");
        assertThat(lines.stream().filter(line -> line.startsWith("data: ")).reduce((a, b) -> b))
                .hasValue("data: [DONE]");
    }

    @Test
    void chatStreamInConverseStyleWhenTheModelIsSilentForLongerThanTheKeepAliveThenCommentsKeepTheStreamBusy()
            throws Exception {
        simulator.delayStreamDeltas(Duration.ofMillis(700));

        List<String> lines = streamLines("/v1/chat", """
                {"modelId":"us.amazon.nova-lite-v1:0","stream":true,"messages":[{"role":"user","content":[{"text":"Hi"}]}]}""");

        assertThat(lines).contains(": keep-alive");
        assertThat(lines.stream().filter(line -> line.startsWith("event: ")).reduce((a, b) -> b))
                .hasValue("event: metadata");
    }

    @Test
    void completionsStreamWhenEventsFlowFasterThanTheKeepAliveThenNoCommentIsSent() throws Exception {
        List<String> lines = streamLines("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        assertThat(lines).doesNotContain(": keep-alive").contains("data: [DONE]");
    }

    private List<String> streamLines(String path, String body) throws Exception {
        HttpRequest request = gateway.request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(request, HttpResponse.BodyHandlers.ofLines()).body().toList();
    }
}
