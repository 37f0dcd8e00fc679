package dev.bedrockgateway.routing;

import dev.bedrockgateway.chat.GatewayException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Decides which model ID Bedrock receives for the name a caller wrote. Every surface goes through it,
 * and the answer is what the {@code x-gateway-bedrock-model-id} response header shows.
 */
@Service
public class ModelRoutingService {

    /** Bedrock's own limit on {@code modelId} (ConversationalModelId in the service model). */
    static final int MAX_MODEL_ID_LENGTH = 2048;

    private static final String BEDROCK_PREFIX = "bedrock/";

    /**
     * Resolves a caller's model name.
     *
     * @throws GatewayException (400) when the name is missing or malformed
     */
    public String resolve(@Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            throw GatewayException.invalid("model", "model is required: name a Bedrock model ID, "
                    + "inference profile ID or ARN, e.g. us.anthropic.claude-3-5-haiku-20241022-v1:0");
        }
        String id = requested.startsWith(BEDROCK_PREFIX) ? requested.substring(BEDROCK_PREFIX.length()) : requested;
        if (id.isEmpty()) {
            throw GatewayException.invalid("model", "model 'bedrock/' names no model: write bedrock/<model ID>");
        }
        if (id.length() > MAX_MODEL_ID_LENGTH) {
            throw GatewayException.invalid("model",
                    "model is " + id.length() + " characters long; Bedrock accepts at most " + MAX_MODEL_ID_LENGTH);
        }
        if (id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw GatewayException.invalid("model", "model must not contain whitespace or control characters");
        }
        return id;
    }
}
