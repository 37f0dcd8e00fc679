package dev.bedrockgateway.chat;

import org.jspecify.annotations.Nullable;

/**
 * The input tokens of a request, estimated before the call for token limits: a quarter of a token per
 * character of text (system prompt, messages, tool specs and tool calls and results), {@value #MEDIA_TOKENS}
 * per image or document (an image Bedrock scales to its largest size costs about that much). The estimate
 * only sizes the reservation: once Bedrock reports the real count, the reservation is settled against it.
 */
final class TokenEstimate {

    static final long MEDIA_TOKENS = 1_600;
    private static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {}

    static long input(ChatRequest request) {
        long chars = 0;
        long media = 0;
        for (SystemBlock block : request.system()) {
            chars += length(block.text());
        }
        for (Message message : request.messages()) {
            for (ContentBlock block : message.content()) {
                chars += length(block.text());
                if (block.image() != null || block.document() != null) {
                    media++;
                }
                ToolUseBlock toolUse = block.toolUse();
                if (toolUse != null) {
                    chars +=
                            toolUse.name().length() + toolUse.input().toString().length();
                }
                ToolResultBlock toolResult = block.toolResult();
                if (toolResult != null) {
                    for (ToolResultBlock.Content content : toolResult.content()) {
                        chars += length(content.text());
                        chars += content.json() == null
                                ? 0
                                : String.valueOf(content.json()).length();
                        if (content.image() != null || content.document() != null) {
                            media++;
                        }
                    }
                }
                ReasoningBlock reasoning = block.reasoningContent();
                ReasoningBlock.ReasoningText thought = reasoning == null ? null : reasoning.reasoningText();
                if (thought != null) {
                    chars += thought.text().length();
                }
            }
        }
        ToolConfig tools = request.toolConfig();
        if (tools != null) {
            for (ToolConfig.Tool tool : tools.tools()) {
                ToolConfig.ToolSpec spec = tool.toolSpec();
                if (spec != null) {
                    chars += spec.name().length()
                            + length(spec.description())
                            + spec.inputSchema().json().toString().length();
                }
            }
        }
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + media * MEDIA_TOKENS;
    }

    /** Output tokens guessed from streamed text, for a stream that ended before Bedrock reported usage. */
    static long outputFromChars(long chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    private static int length(@Nullable String text) {
        return text == null ? 0 : text.length();
    }
}
