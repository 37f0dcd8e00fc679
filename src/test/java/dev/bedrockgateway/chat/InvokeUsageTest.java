package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InvokeUsageTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAnAnthropicAnswersUsageWithItsCacheTokens() {
        TokenUsage usage = InvokeUsage.ofAnthropicAnswer(bytes("""
                {"id":"msg_1","type":"message","role":"assistant","content":[],
                 "usage":{"input_tokens":12,"output_tokens":7,"cache_read_input_tokens":100,
                 "cache_creation_input_tokens":30}}"""));

        assertThat(usage).isEqualTo(new TokenUsage(12, 7, 149, 100, 30));
    }

    @Test
    void findsNoUsageInAnotherProvidersAnswer() {
        assertThat(InvokeUsage.ofAnthropicAnswer(bytes("{\"output\":{},\"usage\":{\"inputTokens\":3}}")))
                .isNull();
        assertThat(InvokeUsage.ofAnthropicAnswer(bytes("not json"))).isNull();
    }

    @Test
    void anAnthropicStreamHasItsUsageOnlyOnceMessageDeltaArrives() {
        InvokeUsage.Stream stream = new InvokeUsage.Stream();
        stream.add(bytes("{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":25,"
                + "\"output_tokens\":1,\"cache_read_input_tokens\":5}}}"));
        stream.add(bytes("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"message_delta\"}}"));

        assertThat(stream.usage()).isNull();

        stream.add(bytes("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":42}}"));

        assertThat(stream.usage()).isEqualTo(new TokenUsage(25, 42, 72, 5, null));
    }

    @Test
    void bedrocksInvocationMetricsOnTheLastChunkWinForAnyProvider() {
        InvokeUsage.Stream stream = new InvokeUsage.Stream();
        stream.add(bytes("{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":40}}"));
        stream.add(bytes("{\"metadata\":{\"usage\":{\"inputTokens\":3}},\"amazon-bedrock-invocationMetrics\":"
                + "{\"inputTokenCount\":11,\"outputTokenCount\":41,\"invocationLatency\":900,"
                + "\"firstByteLatency\":200,\"cacheWriteInputTokenCount\":8}}"));

        assertThat(stream.usage()).isEqualTo(new TokenUsage(11, 41, 60, null, 8));
    }

    @Test
    void aTextDeltaThatMentionsAnEventNameIsNotTakenForOne() {
        InvokeUsage.Stream stream = new InvokeUsage.Stream();
        stream.add(bytes("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"the message_start and message_delta events\"}}"));

        assertThat(stream.usage()).isNull();
    }
}
