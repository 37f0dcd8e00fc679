package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.error.GatewayException;
import java.util.Objects;

/** The AWS exception name of a failure, in the forms the Bedrock wire and Converse streams carry it. */
final class AwsErrors {

    /** What Bedrock appends to the name in {@code x-amzn-ErrorType}; SDKs read the part before the colon. */
    private static final String ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    private AwsErrors() {}

    /** Bedrock's own exception name when the failure came from Bedrock, else the kind's, e.g. {@code ThrottlingException}. */
    static String type(GatewayException error) {
        return Objects.requireNonNullElse(
                error.upstreamErrorType(), error.kind().awsErrorType());
    }

    /** The name as an event-stream union member, e.g. {@code throttlingException}. */
    static String member(GatewayException error) {
        String type = type(error);
        return Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }

    /** The {@code x-amzn-ErrorType} header value. */
    static String errorTypeHeader(GatewayException error) {
        return type(error) + ERROR_TYPE_SUFFIX;
    }
}
