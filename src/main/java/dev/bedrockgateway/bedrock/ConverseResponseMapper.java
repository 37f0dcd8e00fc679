package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/** Maps the SDK's {@link ConverseResponse} to the core response; pure. */
final class ConverseResponseMapper {

    private ConverseResponseMapper() {}

    static ChatResponse fromSdk(String bedrockModelId, ConverseResponse response) {
        return new ChatResponse(
                bedrockModelId,
                new Message(Role.ASSISTANT, content(response.output())),
                Objects.requireNonNullElse(response.stopReasonAsString(), "end_turn"),
                usage(response.usage()),
                response.metrics() == null ? 0 : response.metrics().latencyMs(),
                response.additionalModelResponseFields() == null
                        ? null
                        : Documents.toJson(response.additionalModelResponseFields()));
    }

    private static List<ContentBlock> content(ConverseOutput output) {
        // A guardrail intervention can answer 200 without a message: that is an empty answer, not an error.
        if (output == null || output.message() == null) {
            return List.of();
        }
        return output.message().content().stream()
                .map(ContentBlockMapper::fromSdk)
                .filter(Objects::nonNull)
                .toList();
    }

    /** Token counts, with missing numbers as zero; shared with the stream mapper, which gets the same SDK type. */
    static TokenUsage usage(software.amazon.awssdk.services.bedrockruntime.model.TokenUsage usage) {
        if (usage == null) {
            return new TokenUsage(0, 0, 0, null, null);
        }
        return new TokenUsage(
                zeroIfNull(usage.inputTokens()),
                zeroIfNull(usage.outputTokens()),
                zeroIfNull(usage.totalTokens()),
                usage.cacheReadInputTokens(),
                usage.cacheWriteInputTokens());
    }

    private static int zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
