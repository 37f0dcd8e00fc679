package dev.bedrockgateway.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One conversation turn.
 *
 * @param role who speaks
 * @param content the blocks of the turn, in order
 */
public record Message(Role role, List<ContentBlock> content) {

    public Message {
        content = List.copyOf(content);
    }

    /** The text blocks of this turn joined together, the way OpenAI-style callers see a message. */
    public String text() {
        return content.stream()
                .map(ContentBlock::text)
                .filter(text -> text != null)
                .collect(Collectors.joining());
    }
}
