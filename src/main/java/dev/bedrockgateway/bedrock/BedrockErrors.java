package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Classifies whatever a Bedrock call failed with into a {@link GatewayException}, keeping Bedrock's
 * own message (it tells the caller what to fix) and exception name.
 */
final class BedrockErrors {

    private static final Map<String, ErrorKind> KIND_BY_ERROR_TYPE = Map.ofEntries(
            Map.entry("ValidationException", ErrorKind.INVALID_REQUEST),
            Map.entry("AccessDeniedException", ErrorKind.PERMISSION_DENIED),
            Map.entry("ResourceNotFoundException", ErrorKind.NOT_FOUND),
            Map.entry("ThrottlingException", ErrorKind.RATE_LIMITED),
            // Bedrock sends this as 400, but to a caller it is a quota: 429 lets clients back off.
            Map.entry("ServiceQuotaExceededException", ErrorKind.QUOTA_EXCEEDED),
            Map.entry("ModelTimeoutException", ErrorKind.UPSTREAM_TIMEOUT),
            Map.entry("ModelNotReadyException", ErrorKind.UPSTREAM_UNAVAILABLE),
            Map.entry("ServiceUnavailableException", ErrorKind.UPSTREAM_UNAVAILABLE),
            Map.entry("ModelErrorException", ErrorKind.MODEL_ERROR),
            Map.entry("InternalServerException", ErrorKind.UPSTREAM_ERROR));

    /** Error codes with which AWS rejects the credentials themselves, not the request. */
    private static final Set<String> CREDENTIAL_ERROR_TYPES = Set.of(
            "ExpiredTokenException",
            "ExpiredToken",
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "InvalidSignatureException",
            "TokenRefreshRequired",
            "InvalidToken");

    private BedrockErrors() {}

    /**
     * Whether the call failed because of the gateway's credentials: AWS refused them, or the SDK could not
     * load them (an expired SSO session, an unreachable STS, a missing profile).
     */
    static boolean isCredentialFailure(Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof AwsServiceException service) {
            return service.awsErrorDetails() != null
                    && CREDENTIAL_ERROR_TYPES.contains(service.awsErrorDetails().errorCode());
        }
        if (error instanceof SdkClientException) {
            String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("credentials") || message.contains("sso") || message.contains("token");
        }
        return false;
    }

    static GatewayException classify(Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof GatewayException classified) {
            return classified;
        }
        if (error instanceof AwsServiceException service) {
            return fromService(service);
        }
        if (isPoolExhausted(error)) {
            // Every connection to Bedrock is busy: the call never left, so it is this replica that is full,
            // and a retry (here shortly, or on another replica) can succeed.
            return GatewayException.refused(
                    ErrorKind.OVERLOADED,
                    "overloaded",
                    "The gateway's connections to Bedrock are all in use; retry shortly",
                    Duration.ofSeconds(1));
        }
        if (error instanceof ApiCallTimeoutException
                || error instanceof ApiCallAttemptTimeoutException
                || hasCause(error, TimeoutException.class)
                || hasCauseNamed(error, "ReadTimeoutException")) {
            return new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "Bedrock did not answer in time");
        }
        if (error instanceof SdkClientException) {
            return new GatewayException(ErrorKind.UPSTREAM_ERROR, "Bedrock could not be reached");
        }
        return new GatewayException(ErrorKind.INTERNAL, "The gateway failed to call Bedrock");
    }

    private static GatewayException fromService(AwsServiceException service) {
        String type = service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().errorCode();
        String message = service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().errorMessage();
        if (type == null || type.isBlank()) {
            type = service.getClass().getSimpleName();
        }
        // Event-stream exception frames name the union member (throttlingException), not the exception.
        type = Character.toUpperCase(type.charAt(0)) + type.substring(1);
        if (message == null || message.isBlank()) {
            message = "Bedrock answered HTTP " + service.statusCode() + " (" + type + ")";
        }
        return new GatewayException(kindOf(type, service.statusCode()), message, null, type);
    }

    /** The kind of a Bedrock error of this exception name, else of this HTTP status. */
    static ErrorKind kindOf(String type, int status) {
        return KIND_BY_ERROR_TYPE.getOrDefault(type, kindForStatus(status));
    }

    /**
     * Whether no connection could be had from the client's pool in time: Netty's "Acquire operation took longer"
     * (streams), Apache's connection-request timeout (Converse), matched by name so this class depends on neither.
     */
    private static boolean isPoolExhausted(Throwable error) {
        return String.valueOf(error.getMessage()).contains("Acquire operation took longer")
                || hasCauseNamed(error, "ConnectionRequestTimeoutException")
                || hasCauseNamed(error, "ConnectionPoolTimeoutException");
    }

    private static ErrorKind kindForStatus(int status) {
        return switch (status) {
            case 400 -> ErrorKind.INVALID_REQUEST;
            case 401, 403 -> ErrorKind.PERMISSION_DENIED;
            case 404 -> ErrorKind.NOT_FOUND;
            case 408, 504 -> ErrorKind.UPSTREAM_TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 503 -> ErrorKind.UPSTREAM_UNAVAILABLE;
            default -> ErrorKind.UPSTREAM_ERROR;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable error = failure;
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    // Netty's timeout type is matched by name so this class does not depend on Netty directly.
    private static boolean hasCauseNamed(Throwable error, String simpleName) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }
}
