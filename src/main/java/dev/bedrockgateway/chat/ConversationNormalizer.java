package dev.bedrockgateway.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reshapes a conversation that OpenAI-style clients consider valid into one Bedrock accepts, where that is
 * safe: blank text blocks are dropped, consecutive turns of one role are merged, and tool results are moved
 * into the user turn right after the assistant turn that called them, ahead of any other content (Bedrock
 * and Anthropic both require that order). What cannot be fixed without inventing content is refused with
 * a 400 naming the caller's message. Pure.
 */
public final class ConversationNormalizer {

    private ConversationNormalizer() {
    }

    /**
     * A turn with the index of the caller's message it came from, for error messages.
     *
     * @param message the turn
     * @param source index in the caller's {@code messages}
     */
    public record Turn(Message message, int source) {
    }

    /** The normalised conversation. */
    public static List<Message> normalize(List<Turn> turns) {
        Map<String, ContentBlock> results = new LinkedHashMap<>();
        List<Turn> merged = merge(withoutBlanksAndResults(turns, results));
        if (merged.isEmpty()) {
            throw GatewayException.invalid("messages", "messages must contain at least one non-empty user message");
        }
        if (merged.get(0).message().role() != Role.USER) {
            throw GatewayException.invalid(field(merged.get(0)), field(merged.get(0))
                    + ": the conversation must start with a user message (system messages aside); Bedrock requires it");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            Turn turn = merged.get(i);
            if (turn.message().role() == Role.USER && !out.isEmpty() && out.get(out.size() - 1).role() == Role.USER) {
                // A user turn that follows inserted tool results joins them, after them.
                Message answered = out.remove(out.size() - 1);
                out.add(concat(Role.USER, answered.content(), turn.message().content()));
                continue;
            }
            out.add(turn.message());
            List<ContentBlock> answers = answers(turn, results, i == merged.size() - 1);
            if (!answers.isEmpty()) {
                out.add(new Message(Role.USER, answers));
            }
        }
        if (!results.isEmpty()) {
            String id = results.keySet().iterator().next();
            throw GatewayException.invalid("messages", "The tool result for tool_call_id '" + id
                    + "' answers no tool call of an earlier assistant message");
        }
        return out;
    }

    private static List<Turn> withoutBlanksAndResults(List<Turn> turns, Map<String, ContentBlock> results) {
        List<Turn> kept = new ArrayList<>();
        for (Turn turn : turns) {
            List<ContentBlock> content = new ArrayList<>();
            for (ContentBlock block : turn.message().content()) {
                if (block.toolResult() != null) {
                    if (results.putIfAbsent(block.toolResult().toolUseId(), block) != null) {
                        throw GatewayException.invalid(field(turn), field(turn) + ": a second tool result for tool_call_id '"
                                + block.toolResult().toolUseId() + "'");
                    }
                } else if (block.text() == null || !block.text().isBlank()) {
                    content.add(block);
                }
            }
            if (!content.isEmpty()) {
                kept.add(new Turn(new Message(turn.message().role(), content), turn.source()));
            }
        }
        return kept;
    }

    private static List<Turn> merge(List<Turn> turns) {
        List<Turn> merged = new ArrayList<>();
        for (Turn turn : turns) {
            Turn last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.message().role() == turn.message().role()) {
                merged.set(merged.size() - 1, new Turn(concat(turn.message().role(), last.message().content(),
                        turn.message().content()), last.source()));
            } else {
                merged.add(turn);
            }
        }
        return merged;
    }

    /** The results answering an assistant turn's tool calls, in call order; every call needs one unless it is last. */
    private static List<ContentBlock> answers(Turn turn, Map<String, ContentBlock> results, boolean last) {
        List<ContentBlock> answers = new ArrayList<>();
        for (ContentBlock block : turn.message().content()) {
            if (block.toolUse() == null) {
                continue;
            }
            ContentBlock answer = results.remove(block.toolUse().toolUseId());
            if (answer != null) {
                answers.add(answer);
            } else if (!last) {
                throw GatewayException.invalid(field(turn), field(turn) + " calls tool '" + block.toolUse().name()
                        + "' (tool_call_id '" + block.toolUse().toolUseId() + "') but no tool message answers it; "
                        + "Bedrock needs a result for every call");
            }
        }
        return answers;
    }

    private static Message concat(Role role, List<ContentBlock> first, List<ContentBlock> second) {
        List<ContentBlock> content = new ArrayList<>(first);
        content.addAll(second);
        return new Message(role, content);
    }

    private static String field(Turn turn) {
        return "messages[" + turn.source() + "]";
    }
}
