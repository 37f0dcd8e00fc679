package dev.bedrockgateway.api;

import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import org.springframework.http.ResponseEntity;

/**
 * One API style the gateway speaks on its own paths (OpenAI, the Bedrock wire, ...), declared by the style's
 * package as a bean. The {@link RouteTable} is built from these: a new style adds itself by declaring one,
 * and this package never imports a style.
 */
public interface ApiStyle {

    /** The bounded tag that names the style in metrics and the access log, e.g. {@code bedrock-wire}. */
    String tag();

    /**
     * Path patterns of the style's area, e.g. {@code /model/**}: every request under one needs an API key and
     * gets its errors in this style.
     */
    List<String> areas();

    /** Path patterns of the chat calls the style serves: POSTs that are timed, metered and logged. */
    List<String> chatPaths();

    /** Whether this style renders errors on paths no style claims (exactly one style says yes). */
    default boolean fallback() {
        return false;
    }

    /** The failure as this style's callers expect it: status, headers and body. */
    ResponseEntity<Object> error(GatewayException error);
}
