package dev.bedrockgateway.api.converse;

import dev.bedrockgateway.api.ApiStyle;
import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Bedrock Runtime's own wire, {@code /model/**}: errors carry the exception name in {@code x-amzn-ErrorType}
 * and a JSON {@code message}, so AWS SDKs raise the matching exception class and back off on throttling.
 */
@Component
class BedrockWireStyle implements ApiStyle {

    static final String CONVERSE = "/model/{modelId}/converse";
    static final String CONVERSE_STREAM = "/model/{modelId}/converse-stream";

    @Override
    public String tag() {
        return "bedrock-wire";
    }

    @Override
    public List<String> areas() {
        return List.of("/model/**");
    }

    @Override
    public List<String> chatPaths() {
        return List.of(CONVERSE, CONVERSE_STREAM);
    }

    @Override
    public ResponseEntity<Object> error(GatewayException error) {
        return errorResponse(error);
    }

    /** The error as Bedrock Runtime answers it on any of its operations. */
    static ResponseEntity<Object> errorResponse(GatewayException error) {
        return ResponseEntity.status(error.kind().status())
                .contentType(MediaType.APPLICATION_JSON)
                .header(GatewayHeaders.AMZN_ERROR_TYPE, AwsErrors.errorTypeHeader(error))
                .body(new AwsError(error.getMessage()));
    }
}
