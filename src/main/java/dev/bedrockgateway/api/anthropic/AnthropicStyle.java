package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.api.ApiStyle;
import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Anthropic's Messages API, {@code /v1/messages} and below: errors as Anthropic writes them, with the statuses its
 * SDKs and Claude Code act on (529 for an overloaded upstream or replica, which they back off from and retry).
 */
@Component
class AnthropicStyle implements ApiStyle {

    static final String MESSAGES = "/v1/messages";
    static final String COUNT_TOKENS = "/v1/messages/count_tokens";

    @Override
    public String tag() {
        return "anthropic";
    }

    @Override
    public List<String> areas() {
        return List.of(MESSAGES + "/**");
    }

    @Override
    public List<String> chatPaths() {
        return List.of(MESSAGES);
    }

    @Override
    public ResponseEntity<Object> error(GatewayException error) {
        return ResponseEntity.status(AnthropicError.status(error))
                .contentType(MediaType.APPLICATION_JSON)
                .body(AnthropicError.of(error));
    }
}
