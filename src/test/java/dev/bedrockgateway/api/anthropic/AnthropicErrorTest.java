package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.support.GoldenFiles;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failures in Anthropic's terms: the table {@code golden/anthropic-errors/mapping.json} gives, per kind and Bedrock
 * exception, the status and the whole body the caller gets.
 */
class AnthropicErrorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<JsonNode> mapping() {
        return StreamSupport.stream(
                        GoldenFiles.json("anthropic-errors/mapping.json").spliterator(), false)
                .toList();
    }

    static Stream<Arguments> rows() {
        return mapping().stream()
                .map(row -> Arguments.of(
                        row.path("kind").asString() + " "
                                + row.path("upstreamErrorType").asString(""),
                        row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void ofWhenAFailureIsClassifiedThenStatusAndBodyAreAnthropics(String name, JsonNode row) {
        GatewayException failure = new GatewayException(
                ErrorKind.valueOf(row.path("kind").asString()),
                row.path("message").asString(),
                null,
                row.path("upstreamErrorType").isNull()
                        ? null
                        : row.path("upstreamErrorType").asString());

        assertThat(AnthropicError.status(failure)).isEqualTo(row.path("status").asInt());
        assertThat(JSON.readTree(JSON.writeValueAsString(AnthropicError.of(failure))))
                .isEqualTo(row.path("body"));
    }

    @Test
    void mappingWhenReadThenCoversEveryErrorKind() {
        var covered = mapping().stream().map(row -> row.path("kind").asString()).collect(Collectors.toSet());

        assertThat(covered)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ErrorKind.values()).map(Enum::name).toList());
    }

    @Test
    void ofWhenTheGatewayRefusesACallItselfThenTheMessageIsKeptAndTheTypeFollowsTheKind() {
        GatewayException refusal = GatewayException.refused(
                ErrorKind.RATE_LIMITED,
                "tenant_rate_limited",
                "Tenant 'a' is over its request rate",
                Duration.ofSeconds(3));

        AnthropicError body = AnthropicError.of(refusal);

        assertThat(body.type()).isEqualTo("error");
        assertThat(body.error().type()).isEqualTo("rate_limit_error");
        assertThat(body.error().message()).isEqualTo("Tenant 'a' is over its request rate");
        assertThat(AnthropicError.status(refusal)).isEqualTo(429);
    }
}
