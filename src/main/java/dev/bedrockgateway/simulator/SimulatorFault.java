package dev.bedrockgateway.simulator;

import java.util.Objects;

/**
 * A Bedrock error answer: the AWS error type (sent in {@code x-amzn-ErrorType}), the HTTP status and
 * the {@code message} of the JSON body.
 *
 * <p>The factories use the statuses real Bedrock sends for each error shape, so the AWS SDK maps the
 * answer to the same exception class it would for a real failure.
 *
 * @param errorType the Bedrock error shape name, for example {@code ThrottlingException}
 * @param status the HTTP status code
 * @param message the human-readable error message
 */
public record SimulatorFault(String errorType, int status, String message) {

    /** Validates the components so that a broken fault fails where it is made, not mid-request. */
    public SimulatorFault {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
        if (errorType.isBlank()) {
            throw new IllegalArgumentException("errorType must not be blank");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (4xx/5xx): " + status);
        }
    }

    /** 400 {@code ValidationException}. */
    public static SimulatorFault validation(String message) {
        return new SimulatorFault("ValidationException", 400, message);
    }

    /** 403 {@code AccessDeniedException}. */
    public static SimulatorFault accessDenied(String message) {
        return new SimulatorFault("AccessDeniedException", 403, message);
    }

    /** 404 {@code ResourceNotFoundException}. */
    public static SimulatorFault resourceNotFound(String message) {
        return new SimulatorFault("ResourceNotFoundException", 404, message);
    }

    /** What AWS answers for expired temporary credentials. */
    public static SimulatorFault expiredToken() {
        return new SimulatorFault(
                "ExpiredTokenException", 403, "The security token included in the request is expired");
    }

    /** What AWS answers for credentials it does not know. */
    public static SimulatorFault unrecognizedClient() {
        return new SimulatorFault(
                "UnrecognizedClientException", 403, "The security token included in the request is invalid.");
    }

    /** 429 {@code ThrottlingException} with the message Bedrock sends for request-rate throttling. */
    public static SimulatorFault throttling() {
        return new SimulatorFault("ThrottlingException", 429, "Too many requests, please wait before trying again.");
    }

    /** 400 {@code ServiceQuotaExceededException} (Bedrock really uses 400 here, not 429). */
    public static SimulatorFault serviceQuotaExceeded(String message) {
        return new SimulatorFault("ServiceQuotaExceededException", 400, message);
    }

    /** 408 {@code ModelTimeoutException}. */
    public static SimulatorFault modelTimeout(String message) {
        return new SimulatorFault("ModelTimeoutException", 408, message);
    }

    /** 429 {@code ModelNotReadyException}; note the SDK retries this one unless retries are disabled. */
    public static SimulatorFault modelNotReady(String message) {
        return new SimulatorFault("ModelNotReadyException", 429, message);
    }

    /** 503 {@code ServiceUnavailableException}. */
    public static SimulatorFault serviceUnavailable(String message) {
        return new SimulatorFault("ServiceUnavailableException", 503, message);
    }

    /** 424 {@code ModelErrorException}. */
    public static SimulatorFault modelError(String message) {
        return new SimulatorFault("ModelErrorException", 424, message);
    }

    /**
     * 424 {@code ModelStreamErrorException}: what Bedrock sends, as an exception frame, when the model fails in
     * the middle of a stream (give it to {@link BedrockSimulator#failStreamsFor}).
     */
    public static SimulatorFault modelStreamError(String message) {
        return new SimulatorFault("ModelStreamErrorException", 424, message);
    }

    /** 500 {@code InternalServerException}. */
    public static SimulatorFault internalServer(String message) {
        return new SimulatorFault("InternalServerException", 500, message);
    }

    /**
     * The 400 {@code ValidationException} Bedrock returns when a model that needs an inference profile is
     * called by its bare model ID. The text is copied verbatim, including the typographic apostrophe
     * (U+2019) in "isn’t", because gateways pattern-match on it.
     */
    public static SimulatorFault onDemandNotSupported(String modelId) {
        return validation("Invocation of model ID " + modelId
                + " with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN"
                + " of an inference profile that contains this model.");
    }

    /**
     * Whether this is the {@link #onDemandNotSupported on-demand refusal}. CountTokens runs no model, so it never
     * refuses for throughput; the simulator leaves it out there.
     */
    boolean isOnDemandRefusal() {
        return "ValidationException".equals(errorType) && message.contains("on-demand throughput");
    }

    /** The lower-camel member name of the error in a stream's exception frame, e.g. {@code throttlingException}. */
    String streamExceptionType() {
        return Character.toLowerCase(errorType.charAt(0)) + errorType.substring(1);
    }
}
