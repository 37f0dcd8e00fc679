package dev.bedrockgateway.api;

/** Names of the HTTP headers the gateway reads or writes on every surface. */
public final class GatewayHeaders {

    /** The caller's request ID, echoed back or generated. */
    public static final String REQUEST_ID = "x-request-id";

    /** The model ID the gateway actually sent to Bedrock. */
    public static final String BEDROCK_MODEL_ID = "x-gateway-bedrock-model-id";

    /** How many attempts Bedrock was sent for the call, retries and fallbacks included. */
    public static final String ATTEMPTS = "x-gateway-attempts";

    /** AWS's request ID header; AWS SDKs copy it into their exceptions. */
    public static final String AMZN_REQUEST_ID = "x-amzn-RequestId";

    /** Anthropic's request ID header; Anthropic SDKs expose it on answers and errors. */
    public static final String ANTHROPIC_REQUEST_ID = "request-id";

    /** AWS's error type header; AWS SDKs pick the exception class from it. */
    public static final String AMZN_ERROR_TYPE = "x-amzn-ErrorType";

    private GatewayHeaders() {}
}
