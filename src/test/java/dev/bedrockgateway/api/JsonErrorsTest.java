package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.api.openai.OpenAiChatRequest;
import dev.bedrockgateway.chat.Message;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Jackson failures turned into caller-facing field paths and messages. */
class JsonErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A Converse-shaped body built from public core types. */
    record ConverseLike(List<Message> messages) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            role an object           | {"model":"m","messages":[{"role":{}}]}                        | messages[0].role           | 'messages[0].role' must be a string
            second role a list       | {"model":"m","messages":[{"role":"user"},{"role":[1]}]}       | messages[1].role           | 'messages[1].role' must be a string
            max_tokens a word        | {"model":"m","max_tokens":"lots"}                             | max_tokens                 | 'max_tokens' must be an integer
            max_completion_tokens    | {"model":"m","max_completion_tokens":{}}                      | max_completion_tokens      | 'max_completion_tokens' must be an integer
            temperature a word       | {"model":"m","temperature":"hot"}                             | temperature                | 'temperature' must be a number
            stream a word            | {"model":"m","stream":"yes"}                                  | stream                     | 'stream' must be a boolean
            messages an object       | {"model":"m","messages":{}}                                   | messages                   | 'messages' must be an array
            message a number         | {"model":"m","messages":[7]}                                  | messages[0]                | 'messages[0]' must be an object
            """)
    void describeWhenAnOpenAiFieldHasTheWrongTypeThenNamesThePathAndTheExpectedType(
            String name, String body, String path, String message) {
        JacksonException error =
                catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, OpenAiChatRequest.class));

        assertThat(error).as(name).isNotNull();
        assertThat(JsonErrors.path(error)).isEqualTo(path);
        assertThat(JsonErrors.describe(error)).isEqualTo(message);
    }

    @Test
    void describeWhenARoleIsUnknownThenListsTheAllowedRolesInLowerCase() {
        JacksonException error = catchThrowableOfType(
                JacksonException.class,
                () -> JSON.readValue(
                        "{\"messages\":[{\"role\":\"user\",\"content\":[]},{\"role\":\"bot\",\"content\":[]}]}",
                        ConverseLike.class));

        assertThat(JsonErrors.path(error)).isEqualTo("messages[1].role");
        assertThat(JsonErrors.describe(error)).isEqualTo("'messages[1].role' must be one of [user, assistant]");
    }

    @Test
    void describeWhenTheBodyIsNotAnObjectThenNamesTheBodyAndHasNoPath() {
        JacksonException error =
                catchThrowableOfType(JacksonException.class, () -> JSON.readValue("[1,2]", OpenAiChatRequest.class));

        assertThat(JsonErrors.path(error)).isNull();
        assertThat(JsonErrors.describe(error)).isEqualTo("The request body must be an object");
    }

    @Test
    void describeWhenJsonIsMalformedThenReportsLineAndColumn() {
        JacksonException error = catchThrowableOfType(
                JacksonException.class, () -> JSON.readTree("{\n  \"model\": \"m\",\n  \"messages\": [}\n"));

        assertThat(JsonErrors.path(error)).isNull();
        assertThat(JsonErrors.describe(error)).isEqualTo("The request body is not valid JSON at line 3, column 16");
    }

    @Test
    void describeWhenJsonIsTruncatedThenSaysItIsNotValidJson() {
        JacksonException error = catchThrowableOfType(
                JacksonException.class, () -> JSON.readTree("{\"model\": \"m\", \"messages\": [{\"role\": \"us"));

        assertThat(JsonErrors.describe(error)).startsWith("The request body is not valid JSON at line 1, column ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed               | {"model":
            bad literal             | {"model": nope}
            wrong type record       | {"model":"m","messages":[[]]}
            wrong type list         | {"model":"m","messages":"hi"}
            wrong type number       | {"model":"m","top_p":[]}
            wrong type string       | {"model":{"a":1}}
            wrong type json node ok | {"model":"m","stop":{"x":1},"max_tokens":1.5e400}
            trailing tokens         | {"model":"m"} {"model":"n"}
            not an object           | "text"
            """)
    void describeWhenAnyJacksonFailureOccursThenTheMessageNamesNoJavaClass(String name, String body) {
        JacksonException error =
                catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, OpenAiChatRequest.class));

        assertThat(error).as(name).isNotNull();
        assertThat(JsonErrors.describe(error))
                .as(name)
                .doesNotContain(
                        "dev.bedrockgateway",
                        "java.lang",
                        "java.util",
                        "tools.jackson",
                        "OpenAiChatRequest",
                        "OpenAiMessage",
                        "Integer",
                        "Double");
        String path = JsonErrors.path(error);
        if (path != null) {
            assertThat(path).as(name).doesNotContain("dev.bedrockgateway", "java.");
        }
    }
}
