package dev.bedrockgateway.api.openai;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One output item of a {@link ResponsesObject}: a message, a function call or reasoning. */
public sealed interface ResponsesItem {

    /**
     * The assistant's message.
     *
     * @param type always {@code message}
     * @param id {@code msg_...}
     * @param status {@code in_progress} or {@code completed}
     * @param role always {@code assistant}
     * @param content its text parts
     */
    record MessageItem(String type, String id, String status, String role, List<OutputText> content)
            implements ResponsesItem {}

    /**
     * A text part.
     *
     * @param type always {@code output_text}
     * @param text the text
     * @param annotations always empty
     * @param logprobs always empty: Bedrock returns none
     */
    record OutputText(String type, String text, List<Object> annotations, List<Object> logprobs) {

        /** A text part of this text. */
        static OutputText of(String text) {
            return new OutputText("output_text", text, List.of(), List.of());
        }
    }

    /**
     * A call of one of the caller's functions.
     *
     * @param type always {@code function_call}
     * @param id {@code fc_...}
     * @param callId the ID the caller answers with a {@code function_call_output}
     * @param name the function
     * @param arguments its arguments as JSON text
     * @param status {@code in_progress} or {@code completed}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FunctionCallItem(String type, String id, String callId, String name, String arguments, String status)
            implements ResponsesItem {}

    /**
     * The model's reasoning.
     *
     * @param type always {@code reasoning}
     * @param id {@code rs_...}
     * @param summary its text, as summary parts
     */
    record ReasoningItem(String type, String id, List<SummaryText> summary) implements ResponsesItem {}

    /**
     * A reasoning summary part.
     *
     * @param type always {@code summary_text}
     * @param text the text
     */
    record SummaryText(String type, String text) {}
}
