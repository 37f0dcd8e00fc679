package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.ApiStyle;
import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The OpenAI style: everything under {@code /v1} that no other style claims, and errors on paths nobody
 * claims, answer as OpenAI does, since OpenAI SDKs are the most common callers.
 */
@Component
class OpenAiStyle implements ApiStyle {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String MODELS = "/v1/models";
    static final String EMBEDDINGS = "/v1/embeddings";
    static final String RESPONSES = "/v1/responses";

    @Override
    public String tag() {
        return "openai";
    }

    @Override
    public List<String> areas() {
        return List.of("/v1/**");
    }

    @Override
    public List<String> chatPaths() {
        return List.of(CHAT_COMPLETIONS, EMBEDDINGS, RESPONSES);
    }

    @Override
    public boolean fallback() {
        return true;
    }

    @Override
    public ResponseEntity<Object> error(GatewayException error) {
        return ResponseEntity.status(error.kind().status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(OpenAiError.of(error));
    }
}
