package dev.bedrockgateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The OpenAI error a caller gets when the gateway itself gave up on Bedrock (a timeout, or no connection): the
 * status and type of the failure's kind, the gateway's message, and a null {@code code}, since Bedrock never
 * named an exception. Which failures those are is pinned against real sockets in {@code UpstreamFailureTest}.
 */
class OpenAiStyleTest {

    static Stream<Arguments> gatewaySideFailures() {
        return Stream.of(
                Arguments.of(ErrorKind.UPSTREAM_TIMEOUT, "Bedrock did not answer in time", 504),
                Arguments.of(ErrorKind.UPSTREAM_ERROR, "Bedrock could not be reached", 502));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("gatewaySideFailures")
    void errorWhenTheGatewayGaveUpOnBedrockThenAnswersTheKindsStatusAsAnApiErrorWithNoCode(
            ErrorKind kind, String message, int status) {
        ResponseEntity<Object> response = new OpenAiStyle().error(new GatewayException(kind, message));

        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getBody())
                .isEqualTo(new OpenAiError(new OpenAiError.Detail(message, "api_error", null, null)));
    }
}
