package dev.bedrockgateway.api;

import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * An {@link ApiStyle} for unit tests of the web layer, shaped like the gateway's two real ones: its errors carry
 * the style's tag in an {@code x-style} header and in the body, so a test can tell which style rendered them.
 */
record FakeApiStyle(String tag, List<String> areas, List<String> chatPaths, boolean fallback) implements ApiStyle {

    /** Shaped like the OpenAI style: everything under {@code /v1}, and errors on paths nobody claims. */
    static final FakeApiStyle OPENAI =
            new FakeApiStyle("openai", List.of("/v1/**"), List.of("/v1/chat/completions"), true);

    /** Shaped like the Bedrock wire style: {@code /model/**} with its two chat calls. */
    static final FakeApiStyle BEDROCK_WIRE = new FakeApiStyle(
            "bedrock-wire",
            List.of("/model/**"),
            List.of("/model/{modelId}/converse", "/model/{modelId}/converse-stream"),
            false);

    /** The table of both styles; the fallback is listed last, so picking the first style by mistake shows. */
    static RouteTable routeTable() {
        return new RouteTable(List.of(BEDROCK_WIRE, OPENAI));
    }

    @Override
    public ResponseEntity<Object> error(GatewayException error) {
        return ResponseEntity.status(error.kind().status())
                .header("x-style", tag)
                .body(Map.of("style", tag, "message", error.getMessage()));
    }
}
