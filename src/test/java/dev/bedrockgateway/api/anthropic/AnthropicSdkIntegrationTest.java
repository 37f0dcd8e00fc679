package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The official Anthropic Java SDK against {@code /v1/messages}, with only its base URL changed. */
@GatewayIntegrationTest
class AnthropicSdkIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AutoClose("close")
    private static AnthropicClient claude;

    @Autowired
    BedrockSimulator simulator;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        claude = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.baseUri().toString())
                .apiKey(GatewayClient.DEMO_KEY)
                .maxRetries(0)
                .build();
    }

    @Test
    void aClaudeMessageByAnthropicNameGoesToInvokeModelUnderTheTenantsProfile() {
        Message message = claude.messages()
                .create(MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(256)
                        .addUserMessage("Hello Claude")
                        .build());

        assertThat(message.content().get(0).asText().text()).contains("Hello Claude");
        assertThat(simulator.lastReceived().operationName()).isEqualTo("InvokeModel");
        assertThat(simulator.lastReceived().modelId()).isEqualTo("us.anthropic.claude-haiku-4-5-20251001-v1:0");
        JsonNode sent = JSON.readTree(simulator.lastReceived().body());
        assertThat(sent.has("model")).isFalse();
        assertThat(sent.path("anthropic_version").asString()).isEqualTo("bedrock-2023-05-31");
        assertThat(message.usage().inputTokens()).isPositive();
    }

    @Test
    void aStreamedClaudeMessageArrivesAsAnthropicsEventsInOrder() {
        List<String> types;
        try (StreamResponse<RawMessageStreamEvent> stream = claude.messages()
                .createStreaming(MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(256)
                        .addUserMessage("Stream to me")
                        .build())) {
            types = stream.stream()
                    .map(event -> event.isMessageStart()
                            ? "message_start"
                            : event.isContentBlockStart()
                                    ? "content_block_start"
                                    : event.isContentBlockDelta()
                                            ? "content_block_delta"
                                            : event.isContentBlockStop()
                                                    ? "content_block_stop"
                                                    : event.isMessageDelta() ? "message_delta" : "message_stop")
                    .toList();
        }

        assertThat(types.get(0)).isEqualTo("message_start");
        assertThat(types.get(types.size() - 1)).isEqualTo("message_stop");
        assertThat(types).contains("content_block_delta");
    }

    @Test
    void aNovaMessageGoesThroughConverseAndComesBackAsAnAnthropicMessage() {
        Message message = claude.messages()
                .create(MessageCreateParams.builder()
                        .model("us.amazon.nova-lite-v1:0")
                        .maxTokens(256)
                        .addUserMessage("Hello Nova")
                        .build());

        assertThat(message.content().get(0).asText().text()).contains("Hello Nova");
        assertThat(simulator.lastReceived().operationName()).isEqualTo("Converse");
    }
}
