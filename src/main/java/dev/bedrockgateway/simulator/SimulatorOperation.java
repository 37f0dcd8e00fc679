package dev.bedrockgateway.simulator;

import org.jspecify.annotations.Nullable;

/**
 * The Bedrock Runtime operations the simulator serves, each under {@code POST /model/{modelId}/<path segment>}
 * and known by its AWS API name (the name in IAM actions, SDK method names and {@link RecordedRequest#operationName()}).
 */
public enum SimulatorOperation {
    CONVERSE("converse", "Converse", false),
    CONVERSE_STREAM("converse-stream", "ConverseStream", true),
    INVOKE_MODEL("invoke", "InvokeModel", false),
    INVOKE_MODEL_WITH_RESPONSE_STREAM("invoke-with-response-stream", "InvokeModelWithResponseStream", true),
    COUNT_TOKENS("count-tokens", "CountTokens", false);

    private final String pathSegment;
    private final String apiName;
    private final boolean streaming;

    SimulatorOperation(String pathSegment, String apiName, boolean streaming) {
        this.pathSegment = pathSegment;
        this.apiName = apiName;
        this.streaming = streaming;
    }

    /** The last segment of the operation's path, for example {@code invoke-with-response-stream}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** The AWS API name, for example {@code InvokeModelWithResponseStream}. */
    public String apiName() {
        return apiName;
    }

    /** Whether the answer is an event stream rather than one JSON body. */
    public boolean streaming() {
        return streaming;
    }

    /** The operation served under this path segment, or {@code null} for one the simulator does not serve. */
    public static @Nullable SimulatorOperation forPathSegment(@Nullable String pathSegment) {
        for (SimulatorOperation operation : values()) {
            if (operation.pathSegment.equals(pathSegment)) {
                return operation;
            }
        }
        return null;
    }
}
