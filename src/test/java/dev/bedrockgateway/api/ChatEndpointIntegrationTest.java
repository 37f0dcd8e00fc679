package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@GatewayIntegrationTest
class ChatEndpointIntegrationTest {

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void chatWhenBodyIsOpenAiStyleThenAnswersAsChatCompletion() {
        GatewayResponse response = gateway.postJson("/v1/chat", """
                {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"Hi OpenAI"}]}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString())
                .isEqualTo("Simulated reply to: Hi OpenAI");
        assertThat(body.has("output")).isFalse();
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("us.amazon.nova-lite-v1:0");
    }

    @Test
    void chatWhenBodyIsConverseStyleThenAnswersAsConverseAndPassesFieldsThrough() {
        GatewayResponse response = gateway.postJson("/v1/chat", """
                {"modelId":"bedrock/us.amazon.nova-lite-v1:0",
                 "system":[{"text":"Be terse."}],
                 "messages":[{"role":"user","content":[{"text":"Hi"},{"text":"Converse"}]}],
                 "inferenceConfig":{"maxTokens":50,"stopSequences":["END"]},
                 "additionalModelRequestFields":{"top_k":40,"nested":{"flag":true}},
                 "additionalModelResponseFieldPaths":["/stop_sequence"],
                 "requestMetadata":{"team":"search"}}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("output").path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("output")
                        .path("message")
                        .path("content")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("Simulated reply to: Hi Converse");
        assertThat(body.path("stopReason").asString()).isEqualTo("end_turn");
        assertThat(body.path("usage").path("inputTokens").asInt()).isEqualTo(4);
        assertThat(body.path("metrics").has("latencyMs")).isTrue();
        assertThat(body.path("additionalModelResponseFields")
                        .path("requestedPaths")
                        .get(0)
                        .asString())
                .isEqualTo("/stop_sequence");
        assertThat(body.has("choices")).isFalse();
        assertThat(response.header("x-gateway-bedrock-model-id")).isEqualTo("us.amazon.nova-lite-v1:0");

        JsonNode sent = response.jsonMapper().readTree(simulator.lastReceived().body());
        assertThat(simulator.lastReceived().modelId()).isEqualTo("us.amazon.nova-lite-v1:0");
        assertThat(sent.path("system").get(0).path("text").asString()).isEqualTo("Be terse.");
        assertThat(sent.path("inferenceConfig").path("stopSequences").get(0).asString())
                .isEqualTo("END");
        assertThat(sent.path("additionalModelRequestFields").path("top_k").asInt())
                .isEqualTo(40);
        assertThat(sent.path("additionalModelRequestFields")
                        .path("nested")
                        .path("flag")
                        .asBoolean())
                .isTrue();
        assertThat(sent.path("requestMetadata").path("team").asString()).isEqualTo("search");
    }

    @Test
    void chatWhenBodyHasBothModelAndModelIdThenRefusesWithOpenAiError() {
        GatewayResponse response = gateway.postJson("/v1/chat", """
                {"model":"a","modelId":"b","messages":[{"role":"user","content":"x"}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("message").asString()).contains("not both");
        assertThat(simulator.received()).isEmpty();
    }
}
