package dev.bedrockgateway.error;

/**
 * Every way a gateway call can fail, with the HTTP status and the error names each caller style
 * expects: OpenAI's {@code error.type} and the AWS exception name AWS SDKs turn into a class.
 */
public enum ErrorKind {
    INVALID_REQUEST(400, "invalid_request_error", "ValidationException"),
    UNAUTHENTICATED(401, "authentication_error", "UnrecognizedClientException"),
    PERMISSION_DENIED(403, "permission_error", "AccessDeniedException"),
    NOT_FOUND(404, "not_found_error", "ResourceNotFoundException"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "UnknownOperationException"),
    NOT_ACCEPTABLE(406, "invalid_request_error", "ValidationException"),
    PAYLOAD_TOO_LARGE(413, "invalid_request_error", "ValidationException"),
    UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error", "UnsupportedMediaTypeException"),
    MODEL_ERROR(424, "api_error", "ModelErrorException"),
    RATE_LIMITED(429, "rate_limit_error", "ThrottlingException"),
    QUOTA_EXCEEDED(429, "rate_limit_error", "ServiceQuotaExceededException"),
    INTERNAL(500, "api_error", "InternalServerException"),
    UPSTREAM_ERROR(502, "api_error", "InternalServerException"),
    UPSTREAM_UNAVAILABLE(503, "api_error", "ServiceUnavailableException"),
    UPSTREAM_TIMEOUT(504, "api_error", "ModelTimeoutException"),
    /** This replica is at its limit of calls in flight; another replica, or this one shortly, will take it. */
    OVERLOADED(503, "api_error", "ServiceUnavailableException");

    private final int status;
    private final String openAiType;
    private final String awsErrorType;

    ErrorKind(int status, String openAiType, String awsErrorType) {
        this.status = status;
        this.openAiType = openAiType;
        this.awsErrorType = awsErrorType;
    }

    /** HTTP status the caller receives. */
    public int status() {
        return status;
    }

    /** OpenAI-style {@code error.type}. */
    public String openAiType() {
        return openAiType;
    }

    /** AWS exception name used when no upstream name is known. */
    public String awsErrorType() {
        return awsErrorType;
    }
}
