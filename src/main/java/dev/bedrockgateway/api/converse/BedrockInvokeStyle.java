package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.ApiStyle;
import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Bedrock Runtime's InvokeModel wire, {@code /model/{modelId}/invoke(-with-response-stream)}: bodies in the model
 * provider's own JSON, forwarded unchanged. Its calls are counted apart from Converse's (the tag
 * {@code bedrock-invoke}); its errors are the Bedrock wire's.
 */
@Component
class BedrockInvokeStyle implements ApiStyle {

    static final String INVOKE = "/model/{modelId}/invoke";
    static final String INVOKE_STREAM = "/model/{modelId}/invoke-with-response-stream";

    @Override
    public String tag() {
        return "bedrock-invoke";
    }

    /** None of its own: {@code /model/**} is {@link BedrockWireStyle}'s area, and these paths lie in it. */
    @Override
    public List<String> areas() {
        return List.of();
    }

    @Override
    public List<String> chatPaths() {
        return List.of(INVOKE, INVOKE_STREAM);
    }

    @Override
    public ResponseEntity<Object> error(GatewayException error) {
        return BedrockWireStyle.errorResponse(error);
    }
}
