package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.support.GoldenFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The InvokeModel body for Claude: golden cases ({@code golden/anthropic-invoke/<name>.case.json} with the
 * {@code anthropic-beta} header values and the request, {@code <name>.expected.json} with the body and the dropped
 * betas), and the event type of streamed chunks.
 */
class ClaudeInvokeBodyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> goldenCases() {
        return GoldenFiles.cases("anthropic-invoke", ".case.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void prepareWhenGivenAGoldenRequestThenWritesTheGoldenBodyAndNamesTheDroppedBetas(String name) {
        JsonNode input = GoldenFiles.json("anthropic-invoke/" + name + ".case.json");
        JsonNode expected = GoldenFiles.json("anthropic-invoke/" + name + ".expected.json");

        ClaudeInvokeBody.Prepared prepared = ClaudeInvokeBody.prepare(input.get("request"), headers(input), JSON);

        assertThat(JSON.readTree(prepared.json())).isEqualTo(expected.get("body"));
        assertThat(prepared.droppedBetas())
                .containsExactly(JSON.treeToValue(expected.get("droppedBetas"), String[].class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void prepareWhenGivenAnyRequestThenEverythingButModelStreamVersionAndBetasSurvivesUnchangedAndTheInputIsUntouched(
            String name) {
        JsonNode request =
                GoldenFiles.json("anthropic-invoke/" + name + ".case.json").get("request");
        JsonNode before = request.deepCopy();

        JsonNode body =
                JSON.readTree(ClaudeInvokeBody.prepare(request, List.of(), JSON).json());

        assertThat(request).isEqualTo(before);
        assertThat(body.path("anthropic_version").asString()).isEqualTo(ClaudeInvokeBody.ANTHROPIC_VERSION);
        assertThat(withoutDialect(body)).isEqualTo(withoutDialect(request));
    }

    @Test
    void prepareWhenTheBodyHoldsNonAsciiTextThenTheBytesAreUtf8() {
        JsonNode request =
                JSON.readTree("{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"café ☕\"}]}");

        byte[] bytes = ClaudeInvokeBody.prepare(request, List.of(), JSON).json();

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("café ☕");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not an object           | [1,2]
            betas a number          | {"anthropic_beta":7,"max_tokens":5}
            betas with a number     | {"anthropic_beta":["interleaved-thinking-2025-05-14",7],"max_tokens":5}
            """)
    void prepareWhenTheBodyIsMalformedThenRefusesWithA400(String name, String body) {
        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> ClaudeInvokeBody.prepare(JSON.readTree(body), List.of(), JSON));

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    static Stream<Arguments> chunks() {
        return Stream.of(
                Arguments.of("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}", "message_start"),
                Arguments.of("{\"type\":\"content_block_delta\",\"index\":0}", "content_block_delta"),
                Arguments.of(" {\"type\" : \"ping\"}", "ping"),
                Arguments.of("{\"index\":0,\"type\":\"content_block_stop\"}", "content_block_stop"),
                Arguments.of("{\"type\":\"a\\u0062c\"}", "abc"),
                Arguments.of("{\"type\":\"caf\u00e9\"}", "caf\u00e9"),
                Arguments.of("{\"message\":{}}", null),
                Arguments.of("{\"type\":7}", null),
                Arguments.of("{\"type\":\"", null),
                Arguments.of("not json", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("chunks")
    void eventTypeWhenGivenAChunkThenReadsItsTypeWithOrWithoutTheFastPath(String chunk, String type) {
        assertThat(ClaudeInvokeBody.eventType(chunk.getBytes(StandardCharsets.UTF_8), JSON))
                .isEqualTo(type);
    }

    private static List<String> headers(JsonNode input) {
        return List.of(JSON.treeToValue(input.get("anthropicBetaHeaders"), String[].class));
    }

    /** The body without what Bedrock's dialect changes: model, stream, anthropic_version and anthropic_beta. */
    private static JsonNode withoutDialect(JsonNode body) {
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove(List.of("model", "stream", "anthropic_version", "anthropic_beta"));
        return copy;
    }
}
