package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reshapes a conversation that OpenAI-style clients consider valid into one Bedrock accepts, where that is
 * safe: blank text blocks are dropped, consecutive turns of one role are merged, and each tool result is
 * moved into the user turn right after the assistant turn that made the call, ahead of any other content
 * (Bedrock and Anthropic both require that order). A result answers the nearest earlier call with its ID,
 * so clients that reuse IDs across rounds still pair up. What cannot be fixed without inventing content is
 * refused with a 400 naming the caller's message. Pure.
 */
public final class ConversationNormalizer {

    private ConversationNormalizer() {}

    /**
     * A turn with the index of the caller's message it came from, for error messages.
     *
     * @param message the turn
     * @param source index in the caller's {@code messages}
     */
    public record Turn(Message message, int source) {}

    /** A turn on its way through: its blocks without results, and for assistant turns the results by call ID. */
    private record Draft(Role role, List<ContentBlock> content, Map<String, ContentBlock> results, int source) {}

    /** The normalised conversation. */
    public static List<Message> normalize(List<Turn> turns) {
        List<Draft> merged = merge(bindResults(turns));
        Draft first = merged.stream()
                .filter(draft -> !draft.content().isEmpty())
                .findFirst()
                .orElseThrow(() -> GatewayException.invalid(
                        "messages", "messages must contain at least one non-empty user message"));
        if (first.role() != Role.USER) {
            throw GatewayException.invalid(
                    field(first),
                    field(first)
                            + ": the conversation must start with a user message (system messages aside); Bedrock requires it");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            Draft draft = merged.get(i);
            if (draft.role() == Role.USER) {
                if (!draft.content().isEmpty()) {
                    addUser(out, draft.content());
                }
                continue;
            }
            out.add(new Message(Role.ASSISTANT, draft.content()));
            List<ContentBlock> answers = answers(draft, i == merged.size() - 1);
            if (!answers.isEmpty()) {
                out.add(new Message(Role.USER, answers));
            }
        }
        return out;
    }

    /**
     * Drops blank text (and turns left empty), and takes each tool result out of its turn to the assistant
     * turn it answers. A turn that held only results stays, empty, so the assistant turns around it are not
     * merged into one.
     */
    private static List<Draft> bindResults(List<Turn> turns) {
        List<Draft> drafts = new ArrayList<>();
        for (Turn turn : turns) {
            List<ContentBlock> content = new ArrayList<>();
            boolean heldResults = false;
            for (ContentBlock block : turn.message().content()) {
                ToolResultBlock toolResult = block.toolResult();
                if (toolResult != null) {
                    bind(block, toolResult, drafts, turn);
                    heldResults = true;
                } else if (block.text() == null || !block.text().isBlank()) {
                    content.add(block);
                }
            }
            if (!content.isEmpty() || heldResults) {
                drafts.add(new Draft(turn.message().role(), content, new LinkedHashMap<>(), turn.source()));
            }
        }
        return drafts;
    }

    private static void bind(ContentBlock result, ToolResultBlock toolResult, List<Draft> earlier, Turn turn) {
        String id = toolResult.toolUseId();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Draft draft = earlier.get(i);
            if (draft.role() == Role.ASSISTANT
                    && draft.content().stream()
                            .anyMatch(block -> block.toolUse() != null
                                    && block.toolUse().toolUseId().equals(id))) {
                if (draft.results().putIfAbsent(id, result) != null) {
                    throw GatewayException.invalid(
                            field(turn), field(turn) + ": a second tool result for tool_call_id '" + id + "'");
                }
                return;
            }
        }
        throw GatewayException.invalid(
                field(turn),
                field(turn) + ": the tool result for tool_call_id '" + id
                        + "' answers no tool call of an earlier assistant message");
    }

    private static List<Draft> merge(List<Draft> drafts) {
        List<Draft> merged = new ArrayList<>();
        for (Draft draft : drafts) {
            Draft last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.role() == draft.role()) {
                List<ContentBlock> content = new ArrayList<>(last.content());
                content.addAll(draft.content());
                Map<String, ContentBlock> results = new LinkedHashMap<>(last.results());
                results.putAll(draft.results());
                merged.set(
                        merged.size() - 1,
                        new Draft(
                                last.role(),
                                content,
                                results,
                                last.content().isEmpty() ? draft.source() : last.source()));
            } else {
                merged.add(draft);
            }
        }
        return merged;
    }

    /**
     * The results for an assistant turn's calls, in call order. Every call needs one, except in a last turn
     * that has no results at all: a conversation may end on the calls the caller is about to run.
     */
    private static List<ContentBlock> answers(Draft turn, boolean last) {
        List<ContentBlock> answers = new ArrayList<>();
        for (ContentBlock block : turn.content()) {
            if (block.toolUse() == null) {
                continue;
            }
            ContentBlock answer = turn.results().get(block.toolUse().toolUseId());
            if (answer != null) {
                answers.add(answer);
            } else if (!last || !turn.results().isEmpty()) {
                throw GatewayException.invalid(
                        field(turn),
                        field(turn) + " calls tool '" + block.toolUse().name()
                                + "' (tool_call_id '" + block.toolUse().toolUseId()
                                + "') but no tool message answers it; "
                                + "Bedrock needs a result for every call");
            }
        }
        return answers;
    }

    /** Adds user content after the results just inserted, if any: one user turn, results first. */
    private static void addUser(List<Message> out, List<ContentBlock> content) {
        if (!out.isEmpty() && out.get(out.size() - 1).role() == Role.USER) {
            List<ContentBlock> joined =
                    new ArrayList<>(out.remove(out.size() - 1).content());
            joined.addAll(content);
            out.add(new Message(Role.USER, joined));
        } else {
            out.add(new Message(Role.USER, content));
        }
    }

    private static String field(Draft draft) {
        return "messages[" + draft.source() + "]";
    }

    private static String field(Turn turn) {
        return "messages[" + turn.source() + "]";
    }
}
