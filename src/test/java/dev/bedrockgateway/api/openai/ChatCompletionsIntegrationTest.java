package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class ChatCompletionsIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void completionsWhenRequestIsValidThenAnswersInOpenAiShapeAndSendsConverseUpstream() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0",
                 "messages":[{"role":"system","content":"Be brief."},
                             {"role":"user","content":[{"type":"text","text":"Hello"},{"type":"text","text":"there"}]}],
                 "max_completion_tokens":100,"temperature":0.5,"top_p":0.9}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("id").asString()).startsWith("chatcmpl-");
        assertThat(body.path("model").asString()).isEqualTo("bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0");
        assertThat(body.path("created").asLong()).isPositive();
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asString()).isEqualTo("Simulated reply to: Hello there");
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(9);
        assertThat(response.header("x-gateway-bedrock-model-id"))
                .isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");

        RecordedRequest upstream = simulator.lastReceived();
        assertThat(upstream.operation()).isEqualTo("converse");
        assertThat(upstream.modelId()).isEqualTo("us.anthropic.claude-3-5-haiku-20241022-v1:0");
        JsonNode sent = response.jsonMapper().readTree(upstream.body());
        assertThat(sent.path("system").get(0).path("text").asString()).isEqualTo("Be brief.");
        assertThat(sent.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(sent.path("messages").get(0).path("content")).hasSize(2);
        assertThat(sent.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(100);
        assertThat(sent.path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void completionsWhenMaxTokensCutsTheAnswerThenFinishReasonIsLength() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","max_tokens":2,
                 "messages":[{"role":"user","content":"one two three"}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("choices").get(0).path("finish_reason").asString())
                .isEqualTo("length");
        assertThat(response.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("Simulated reply");
    }

    @Test
    void completionsWhenAStopSequenceMatchesThenFinishReasonIsStopAndTextEndsBeforeIt() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", """
                {"model":"us.amazon.nova-lite-v1:0","stop":"to:",
                 "messages":[{"role":"user","content":"hello"}]}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("choices").get(0).path("finish_reason").asString())
                .isEqualTo("stop");
        assertThat(response.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("Simulated reply");
        assertThat(simulator.lastReceived().body()).contains("\"stopSequences\":[\"to:\"]");
    }

    @Test
    void completionsWhenCallerSendsARequestIdThenItIsEchoedElseOneIsGenerated() {
        String body = """
                {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"hi"}]}""";

        assertThat(gateway.postJson("/v1/chat/completions", body, "x-request-id", "trace-123")
                        .header("x-request-id"))
                .isEqualTo("trace-123");
        assertThat(gateway.postJson("/v1/chat/completions", body).header("x-request-id"))
                .matches("[0-9a-f-]{36}");
        assertThat(gateway.postJson("/v1/chat/completions", body, "x-request-id", "bad id with spaces")
                        .header("x-request-id"))
                .matches("[0-9a-f-]{36}");
    }
}
