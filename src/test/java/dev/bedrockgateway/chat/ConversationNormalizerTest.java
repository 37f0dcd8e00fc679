package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ConversationNormalizer.Turn;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;

/** Reshaping OpenAI-style conversations into ones Bedrock accepts, and refusing what cannot be reshaped. */
class ConversationNormalizerTest {

    private static ContentBlock text(String text) {
        return ContentBlock.text(text);
    }

    private static ContentBlock call(String id) {
        return ContentBlock.toolUse(new ToolUseBlock(id, "get_" + id, JsonNodeFactory.instance.objectNode()));
    }

    private static ContentBlock result(String id) {
        return ContentBlock.toolResult(
                new ToolResultBlock(id, List.of(ToolResultBlock.Content.text("out " + id)), null));
    }

    private static Message user(ContentBlock... blocks) {
        return new Message(Role.USER, List.of(blocks));
    }

    private static Message assistant(ContentBlock... blocks) {
        return new Message(Role.ASSISTANT, List.of(blocks));
    }

    /** Turns numbered as the caller's messages 0, 1, 2, ... (no system messages in between). */
    private static List<Turn> turns(Message... messages) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            turns.add(new Turn(messages[i], i));
        }
        return turns;
    }

    static Stream<Arguments> reshaped() {
        return Stream.of(
                Arguments.of(
                        "blank text blocks are dropped",
                        turns(user(text("  "), text("hi"), text(""), text("\n"))),
                        List.of(user(text("hi")))),
                Arguments.of(
                        "a turn of blanks disappears and its neighbours merge",
                        turns(user(text("hi")), assistant(text(" ")), user(text("there"))),
                        List.of(user(text("hi"), text("there")))),
                Arguments.of(
                        "consecutive turns of one role merge in order",
                        turns(
                                user(text("a")),
                                user(text("b")),
                                assistant(text("c")),
                                assistant(text("d")),
                                user(text("e"))),
                        List.of(user(text("a"), text("b")), assistant(text("c"), text("d")), user(text("e")))),
                Arguments.of(
                        "results follow the calling turn, ahead of a user message sent before them",
                        turns(user(text("q")), assistant(call("a")), user(text("wait")), user(result("a"))),
                        List.of(user(text("q")), assistant(call("a")), user(result("a"), text("wait")))),
                Arguments.of(
                        "results are ordered as the calls were",
                        turns(
                                user(text("q")),
                                assistant(text("checking"), call("a"), call("b")),
                                user(result("b")),
                                user(result("a")),
                                user(text("next"))),
                        List.of(
                                user(text("q")),
                                assistant(text("checking"), call("a"), call("b")),
                                user(result("a"), result("b"), text("next")))),
                Arguments.of(
                        "answered calls may end the conversation",
                        turns(user(text("q")), assistant(call("a")), user(result("a"))),
                        List.of(user(text("q")), assistant(call("a")), user(result("a")))),
                Arguments.of(
                        "the last assistant turn may leave its calls unanswered",
                        turns(user(text("q")), assistant(text("let me see"), call("a"), call("b"))),
                        List.of(user(text("q")), assistant(text("let me see"), call("a"), call("b")))),
                Arguments.of(
                        "a conversation already in shape is unchanged",
                        turns(user(text("q")), assistant(text("a")), user(text("q2"))),
                        List.of(user(text("q")), assistant(text("a")), user(text("q2")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reshaped")
    void normalizeWhenTheConversationCanBeReshapedThenBedrockGetsAlternatingTurnsWithResultsFirst(
            String name, List<Turn> turns, List<Message> expected) {
        assertThat(ConversationNormalizer.normalize(turns)).as(name).isEqualTo(expected);
    }

    @Test
    void normalizeWhenToolRoundsFollowEachOtherThenEachRoundKeepsItsOwnAssistantTurn() {
        List<Turn> turns = turns(
                user(text("q")),
                assistant(call("a")),
                user(result("a")),
                assistant(call("b")),
                user(result("b")),
                user(text("thanks")));

        assertThat(ConversationNormalizer.normalize(turns))
                .containsExactly(
                        user(text("q")),
                        assistant(call("a")),
                        user(result("a")),
                        assistant(call("b")),
                        user(result("b"), text("thanks")));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        "a call without a result before a later turn",
                        turns(user(text("q")), assistant(call("a")), user(text("well?"))),
                        "messages[1]",
                        "messages[1] calls tool 'get_a' (tool_call_id 'a') but no tool message answers "
                                + "it; Bedrock needs a result for every call"),
                Arguments.of(
                        "one of two calls unanswered, counting lifted system messages",
                        List.of(
                                new Turn(user(text("q")), 1), new Turn(assistant(call("a"), call("b")), 2),
                                new Turn(user(result("a")), 3), new Turn(user(text("and b?")), 4)),
                        "messages[2]",
                        "messages[2] calls tool 'get_b' (tool_call_id 'b') but no tool message answers "
                                + "it; Bedrock needs a result for every call"),
                Arguments.of(
                        "a result that answers no call",
                        turns(user(text("q")), assistant(text("hello")), user(result("x"))),
                        "messages[2]",
                        "messages[2]: the tool result for tool_call_id 'x' answers no tool call of an "
                                + "earlier assistant message"),
                Arguments.of(
                        "a second result for one call",
                        turns(user(text("q")), assistant(call("a")), user(result("a")), user(result("a"))),
                        "messages[3]",
                        "messages[3]: a second tool result for tool_call_id 'a'"),
                Arguments.of(
                        "a conversation starting with the assistant",
                        turns(assistant(text("Hi, how can I help?")), user(text("q"))),
                        "messages[0]",
                        "messages[0]: the conversation must start with a user message (system messages "
                                + "aside); Bedrock requires it"),
                Arguments.of(
                        "a blank first user message leaves the assistant first",
                        turns(user(text(" ")), assistant(text("Hi")), user(text("q"))),
                        "messages[1]",
                        "messages[1]: the conversation must start with a user message (system messages "
                                + "aside); Bedrock requires it"),
                Arguments.of(
                        "nothing but blanks",
                        turns(user(text("")), user(text("  "))),
                        "messages",
                        "messages must contain at least one non-empty user message"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void normalizeWhenTheConversationCannotBeReshapedThenRefusesNamingTheCallersMessage(
            String name, List<Turn> turns, String param, String message) {
        GatewayException error =
                catchThrowableOfType(GatewayException.class, () -> ConversationNormalizer.normalize(turns));

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    @Test
    void normalizeWhenTheLastAssistantTurnIsAnsweredOnlyInPartThenRefusesNamingTheMissingCall() {
        List<Turn> turns = turns(user(text("q")), assistant(call("a"), call("b")), user(result("a")));

        GatewayException error =
                catchThrowableOfType(GatewayException.class, () -> ConversationNormalizer.normalize(turns));

        assertThat(error).isNotNull();
        assertThat(error.param()).isEqualTo("messages[1]");
        assertThat(error.getMessage()).contains("tool_call_id 'b'");
    }
}
