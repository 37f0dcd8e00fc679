package dev.bedrockgateway.routing;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.Locale;

/**
 * Recognises Bedrock refusing a direct model ID on demand. Current text: "Invocation of model ID ... with
 * on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile
 * ..." (with a curly apostrophe); older text: "The provided model doesn't support on-demand throughput."
 * Matching on the phrase both share keeps it robust to apostrophes and rewording.
 */
public final class OnDemandRefusal {

    private OnDemandRefusal() {}

    /** Whether the error is Bedrock's on-demand-throughput refusal. */
    public static boolean matches(GatewayException error) {
        String message = error.getMessage();
        return error.kind() == ErrorKind.INVALID_REQUEST
                && message != null
                && message.toLowerCase(Locale.ROOT).contains("on-demand throughput");
    }
}
