package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.RecordedRequest;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.SdkClients;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The official OpenAI Java SDK streams a chat completion through the gateway and parses every chunk. */
@GatewayIntegrationTest
class OpenAiSdkStreamingIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";

    @AutoClose
    private static OpenAIClient client;

    @Autowired
    BedrockSimulator simulator;

    @BeforeAll
    static void connect(@Autowired GatewayClient gateway) {
        client = SdkClients.openAi(gateway);
    }

    @Test
    void createStreamingWhenUsageIsRequestedThenTheSdkAssemblesTheAnswerFinishReasonAndUsage() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(NOVA_LITE)
                .addUserMessage("Hello streaming SDK")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        String whole = client.chat()
                .completions()
                .create(params)
                .choices()
                .get(0)
                .message()
                .content()
                .orElseThrow();

        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }

        chunks.forEach(ChatCompletionChunk::validate);
        String streamed = chunks.stream()
                .flatMap(chunk -> chunk.choices().stream())
                .map(choice -> choice.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(streamed).isEqualTo(whole).isEqualTo("Simulated reply to: Hello streaming SDK");
        assertThat(chunks)
                .extracting(ChatCompletionChunk::id)
                .containsOnly(chunks.get(0).id());
        assertThat(chunks.get(0).choices().get(0).delta().role())
                .hasValue(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        assertThat(chunks.stream()
                        .flatMap(chunk -> chunk.choices().stream())
                        .map(ChatCompletionChunk.Choice::finishReason)
                        .flatMap(Optional::stream))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.STOP);

        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        CompletionUsage usage = last.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(3);
        assertThat(usage.completionTokens()).isEqualTo(6);
        assertThat(usage.totalTokens()).isEqualTo(9);
        assertThat(simulator.received())
                .filteredOn(request -> request.modelId().equals(NOVA_LITE))
                .extracting(RecordedRequest::operation)
                .containsExactly("converse", "converse-stream");
    }
}
