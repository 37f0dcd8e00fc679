package dev.bedrockgateway.api.converse;

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
 * The AWS error a Bedrock-wire caller gets when the gateway itself gave up on Bedrock (a timeout, or no
 * connection): the kind's status and AWS exception name in {@code x-amzn-ErrorType}, so AWS SDKs raise
 * {@code ModelTimeoutException} or {@code InternalServerException}, and the gateway's message. Which failures
 * those are is pinned against real sockets in {@code UpstreamFailureTest}.
 */
class BedrockWireStyleTest {

    private static final String ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    static Stream<Arguments> gatewaySideFailures() {
        return Stream.of(
                Arguments.of(
                        ErrorKind.UPSTREAM_TIMEOUT, "Bedrock did not answer in time", 504, "ModelTimeoutException"),
                Arguments.of(ErrorKind.UPSTREAM_ERROR, "Bedrock could not be reached", 502, "InternalServerException"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("gatewaySideFailures")
    void errorWhenTheGatewayGaveUpOnBedrockThenAnswersTheKindsStatusAndAwsExceptionName(
            ErrorKind kind, String message, int status, String exceptionName) {
        ResponseEntity<Object> response = new BedrockWireStyle().error(new GatewayException(kind, message));

        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getHeaders().getFirst("x-amzn-ErrorType")).isEqualTo(exceptionName + ERROR_TYPE_SUFFIX);
        assertThat(response.getBody()).isEqualTo(new AwsError(message));
    }
}
