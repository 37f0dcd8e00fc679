package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConflictException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Classification of real SDK failures into what the caller sees. */
class BedrockErrorsTest {

    static Stream<Arguments> serviceErrors() {
        return Stream.of(
                Arguments.of(
                        builder(ValidationException::builder),
                        "ValidationException",
                        400,
                        ErrorKind.INVALID_REQUEST,
                        400),
                Arguments.of(
                        builder(AccessDeniedException::builder),
                        "AccessDeniedException",
                        403,
                        ErrorKind.PERMISSION_DENIED,
                        403),
                Arguments.of(
                        builder(ResourceNotFoundException::builder),
                        "ResourceNotFoundException",
                        404,
                        ErrorKind.NOT_FOUND,
                        404),
                Arguments.of(
                        builder(ThrottlingException::builder), "ThrottlingException", 429, ErrorKind.RATE_LIMITED, 429),
                Arguments.of(
                        builder(ServiceQuotaExceededException::builder),
                        "ServiceQuotaExceededException",
                        400,
                        ErrorKind.QUOTA_EXCEEDED,
                        429),
                Arguments.of(
                        builder(ModelTimeoutException::builder),
                        "ModelTimeoutException",
                        408,
                        ErrorKind.UPSTREAM_TIMEOUT,
                        504),
                Arguments.of(
                        builder(ModelNotReadyException::builder),
                        "ModelNotReadyException",
                        429,
                        ErrorKind.UPSTREAM_UNAVAILABLE,
                        503),
                Arguments.of(
                        builder(ServiceUnavailableException::builder),
                        "ServiceUnavailableException",
                        503,
                        ErrorKind.UPSTREAM_UNAVAILABLE,
                        503),
                Arguments.of(
                        builder(ModelErrorException::builder), "ModelErrorException", 424, ErrorKind.MODEL_ERROR, 424),
                Arguments.of(
                        builder(InternalServerException::builder),
                        "InternalServerException",
                        500,
                        ErrorKind.UPSTREAM_ERROR,
                        502),
                Arguments.of(
                        builder(ConflictException::builder), "ConflictException", 400, ErrorKind.INVALID_REQUEST, 400),
                Arguments.of(
                        builder(BedrockRuntimeException::builder),
                        "BrandNewException",
                        403,
                        ErrorKind.PERMISSION_DENIED,
                        403),
                Arguments.of(
                        builder(BedrockRuntimeException::builder),
                        "BrandNewException",
                        500,
                        ErrorKind.UPSTREAM_ERROR,
                        502),
                Arguments.of(
                        builder(BedrockRuntimeException::builder),
                        "BrandNewException",
                        503,
                        ErrorKind.UPSTREAM_UNAVAILABLE,
                        503),
                Arguments.of(
                        builder(BedrockRuntimeException::builder),
                        "BrandNewException",
                        429,
                        ErrorKind.RATE_LIMITED,
                        429),
                Arguments.of(
                        builder(BedrockRuntimeException::builder),
                        "UnrecognizedClientException",
                        401,
                        ErrorKind.PERMISSION_DENIED,
                        403));
    }

    @ParameterizedTest(name = "{1} {2} -> {3}")
    @MethodSource("serviceErrors")
    void classifyWhenBedrockAnswersWithAnErrorThenKindStatusMessageAndTypeFollowIt(
            Supplier<BedrockRuntimeException.Builder> builder,
            String code,
            int status,
            ErrorKind kind,
            int httpStatus) {
        String message = "Bedrock says: " + code + " happened";
        BedrockRuntimeException sdk = (BedrockRuntimeException) builder.get()
                .message(message + " (Service: BedrockRuntime, Status Code: " + status + ")")
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .build())
                .statusCode(status)
                .build();

        GatewayException classified = BedrockErrors.classify(new CompletionException(sdk));

        assertThat(classified.kind()).isEqualTo(kind);
        assertThat(classified.kind().status()).isEqualTo(httpStatus);
        assertThat(classified.getMessage()).isEqualTo(message);
        assertThat(classified.upstreamErrorType()).isEqualTo(code);
        assertThat(classified.param()).isNull();
    }

    @Test
    void classifyWhenTheErrorHasNoDetailsThenTheTypeIsTheClassNameAndTheMessageNamesTheStatus() {
        ThrottlingException sdk = ThrottlingException.builder().statusCode(429).build();

        GatewayException classified = BedrockErrors.classify(new CompletionException(sdk));

        assertThat(classified.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(classified.upstreamErrorType()).isEqualTo("ThrottlingException");
        assertThat(classified.getMessage()).isEqualTo("Bedrock answered HTTP 429 (ThrottlingException)");
    }

    @Test
    void classifyWhenTheFailureIsNestedInSeveralWrappersThenTheyAreAllUnwrapped() {
        ValidationException sdk = ValidationException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ValidationException")
                        .errorMessage("bad")
                        .build())
                .statusCode(400)
                .build();

        GatewayException classified =
                BedrockErrors.classify(new CompletionException(new ExecutionException(new CompletionException(sdk))));

        assertThat(classified.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(classified.getMessage()).isEqualTo("bad");
    }

    @Test
    void classifyWhenTheCallTimesOutThenUpstreamTimeout() {
        GatewayException classified = BedrockErrors.classify(new CompletionException(ApiCallTimeoutException.builder()
                .message("Client execution did not complete before 600000 ms")
                .build()));

        assertThat(classified.kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
        assertThat(classified.kind().status()).isEqualTo(504);
        assertThat(classified.getMessage())
                .isEqualTo("Bedrock did not answer in time")
                .doesNotContain("600000");
    }

    @Test
    void classifyWhenOneAttemptTimesOutThenUpstreamTimeout() {
        GatewayException classified =
                BedrockErrors.classify(new CompletionException(ApiCallAttemptTimeoutException.builder()
                        .message("attempt timed out")
                        .build()));

        assertThat(classified.kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
    }

    @Test
    void classifyWhenTheClientFailsWithATimeoutCauseThenUpstreamTimeout() {
        SdkClientException sdk = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new IOException("wrapped", new TimeoutException("read")))
                .build();

        assertThat(BedrockErrors.classify(new CompletionException(sdk)).kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
    }

    @Test
    void classifyWhenNettyReportsAReadTimeoutThenUpstreamTimeoutMatchedByName() {
        SdkClientException sdk = SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new ReadTimeoutException())
                .build();

        assertThat(BedrockErrors.classify(new CompletionException(sdk)).kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
    }

    @Test
    void classifyWhenNettysPoolHasNoFreeConnectionThenOverloadedWithRetryAfterNot502() {
        SdkClientException sdk = SdkClientException.builder()
                .message("Unable to execute HTTP request: Acquire operation took longer than the configured maximum"
                        + " time. This indicates that a request cannot get a connection from the pool within the"
                        + " specified maximum time.")
                .cause(new Throwable("Acquire operation took longer than 5000 milliseconds."))
                .build();

        GatewayException classified = BedrockErrors.classify(new CompletionException(sdk));

        assertThat(classified.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(classified.kind().status()).isEqualTo(503);
        assertThat(classified.code()).isEqualTo("overloaded");
        assertThat(classified.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void classifyWhenApachesPoolHasNoFreeConnectionThenOverloadedToo() {
        SdkClientException sdk = SdkClientException.builder()
                .message("Unable to execute HTTP request: Timeout deadline: 5000 MILLISECONDS")
                .cause(new ConnectionRequestTimeoutException("Timeout deadline: 5000 MILLISECONDS"))
                .build();

        assertThat(BedrockErrors.classify(sdk).kind()).isEqualTo(ErrorKind.OVERLOADED);
    }

    /** Named as Apache HttpClient 5 names its pool-lease timeout; the classifier matches the name. */
    private static final class ConnectionRequestTimeoutException extends java.io.InterruptedIOException {
        ConnectionRequestTimeoutException(String message) {
            super(message);
        }
    }

    @Test
    void classifyWhenBedrockCannotBeReachedThenUpstreamErrorWithoutTheNetworkDetail() {
        SdkClientException sdk = SdkClientException.builder()
                .message("Unable to execute HTTP request: Connection refused: bedrock-runtime.internal/10.1.2.3:443")
                .cause(new ConnectException("Connection refused: bedrock-runtime.internal/10.1.2.3:443"))
                .build();

        GatewayException classified = BedrockErrors.classify(new CompletionException(sdk));

        assertThat(classified.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(classified.kind().status()).isEqualTo(502);
        assertThat(classified.getMessage())
                .isEqualTo("Bedrock could not be reached")
                .doesNotContain("10.1.2.3");
    }

    @Test
    void classifyWhenAnythingElseFailsThenInternalWithoutTheOriginalText() {
        RuntimeException bug = new IllegalStateException("secret-token-1234 leaked in NullPointer at Foo.java:42");

        GatewayException classified = BedrockErrors.classify(new CompletionException(bug));

        assertThat(classified.kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(classified.kind().status()).isEqualTo(500);
        assertThat(classified.getMessage()).doesNotContain("secret-token-1234", "Foo.java", "IllegalStateException");
        assertThat(classified.upstreamErrorType()).isNull();
    }

    @Test
    void classifyWhenTheFailureIsAlreadyClassifiedThenItIsReturnedAsIs() {
        GatewayException already = GatewayException.invalid("model", "model is required");

        assertThat(BedrockErrors.classify(new CompletionException(already))).isSameAs(already);
    }

    private static Supplier<BedrockRuntimeException.Builder> builder(
            Supplier<? extends BedrockRuntimeException.Builder> builder) {
        return builder::get;
    }

    /** Stands in for Netty's ReadTimeoutException, which BedrockErrors matches by simple name. */
    private static final class ReadTimeoutException extends IOException {}
}
