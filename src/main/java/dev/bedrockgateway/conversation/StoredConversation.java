package dev.bedrockgateway.conversation;

import dev.bedrockgateway.chat.Message;
import java.util.List;

/**
 * One stored response: the conversation up to and including its answer, to continue from, and the response as the
 * caller received it, to read back.
 *
 * @param id the response's ID
 * @param messages the conversation's turns, the answer last (instructions are not carried over, as on OpenAI)
 * @param response the response object as JSON, in the surface's own shape
 */
public record StoredConversation(String id, List<Message> messages, String response) {

    public StoredConversation {
        messages = List.copyOf(messages);
    }
}
