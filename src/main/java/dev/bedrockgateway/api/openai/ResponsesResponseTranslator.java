package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.RandomIds;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.ReasoningBlock;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates the core's answer into a Responses API {@code response}; pure. Reasoning becomes a {@code reasoning}
 * item, text an assistant {@code message} with {@code output_text}, each tool call a {@code function_call}; an answer
 * cut at its token limit is {@code incomplete}.
 */
final class ResponsesResponseTranslator {

    private ResponsesResponseTranslator() {}

    /** The finished response: {@code base} with the answer's output, status and usage. */
    static ResponsesObject complete(ResponsesObject base, ChatResponse answer, JsonMapper json) {
        List<ResponsesItem> output = new ArrayList<>();
        List<ResponsesItem.OutputText> texts = new ArrayList<>();
        int reasoningChars = 0;
        for (ContentBlock block : answer.output().content()) {
            ReasoningBlock reasoning = block.reasoningContent();
            if (reasoning != null && reasoning.reasoningText() != null) {
                String text = reasoning.reasoningText().text();
                reasoningChars += text.length();
                output.add(reasoningItem(newId("rs_"), text));
            } else if (block.text() != null) {
                texts.add(ResponsesItem.OutputText.of(block.text()));
            } else if (block.toolUse() != null) {
                output.add(functionCall(
                        block.toolUse().toolUseId(),
                        block.toolUse().name(),
                        json.writeValueAsString(block.toolUse().input()),
                        "completed"));
            }
        }
        if (!texts.isEmpty()) {
            // The message goes before any calls, as OpenAI writes it: the model speaks, then calls.
            int at = (int) output.stream()
                    .filter(item -> item instanceof ResponsesItem.ReasoningItem)
                    .count();
            output.add(at, new ResponsesItem.MessageItem("message", newId("msg_"), "completed", "assistant", texts));
        }
        ResponsesObject.IncompleteDetails details = incomplete(answer.stopReason());
        return base.with(
                details == null ? "completed" : "incomplete",
                output,
                usage(answer.usage(), reasoningChars),
                details,
                null);
    }

    /** Why an answer with this Converse stop reason is incomplete, or null when it is complete. */
    static ResponsesObject.@Nullable IncompleteDetails incomplete(@Nullable String stopReason) {
        if ("max_tokens".equals(stopReason) || "model_context_window_exceeded".equals(stopReason)) {
            return new ResponsesObject.IncompleteDetails("max_output_tokens");
        }
        if ("content_filtered".equals(stopReason) || "guardrail_intervened".equals(stopReason)) {
            return new ResponsesObject.IncompleteDetails("content_filter");
        }
        return null;
    }

    /**
     * OpenAI's usage: cached prompt tokens counted inside {@code input_tokens} (Bedrock counts them apart), reasoning
     * tokens estimated at four characters each, as Bedrock does not count them apart.
     */
    static ResponsesObject.Usage usage(TokenUsage usage, int reasoningChars) {
        int read = usage.cacheReadInputTokens() == null ? 0 : usage.cacheReadInputTokens();
        int write = usage.cacheWriteInputTokens() == null ? 0 : usage.cacheWriteInputTokens();
        int input = usage.inputTokens() + read + write;
        int reasoning = Math.min(usage.outputTokens(), (reasoningChars + 3) / 4);
        return new ResponsesObject.Usage(
                input,
                new ResponsesObject.InputDetails(read),
                usage.outputTokens(),
                new ResponsesObject.OutputDetails(reasoning),
                input + usage.outputTokens());
    }

    static ResponsesItem.FunctionCallItem functionCall(String callId, String name, String arguments, String status) {
        return new ResponsesItem.FunctionCallItem(
                "function_call", "fc_" + callId, callId, name, OpenAiResponseTranslator.arguments(arguments), status);
    }

    static ResponsesItem.ReasoningItem reasoningItem(String id, String text) {
        return new ResponsesItem.ReasoningItem(
                "reasoning",
                id,
                text.isEmpty() ? List.of() : List.of(new ResponsesItem.SummaryText("summary_text", text)));
    }

    static String newId(String prefix) {
        return prefix + RandomIds.uuid().replace("-", "");
    }
}
