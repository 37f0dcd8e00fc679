package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Bedrock's rule on prompt-cache lifetimes: read in the order tools, system, messages, a cache point may not live
 * longer than one before it (a {@code 1h} point after a {@code 5m} one is refused). Checked here so the caller learns
 * which block breaks it.
 */
final class CacheTtlOrder {

    private CacheTtlOrder() {}

    /**
     * Checks the order and each TTL's value.
     *
     * @throws GatewayException 400 naming the first cache point that breaks the rule
     */
    static void check(ChatRequest request) {
        String[] shortSeen = {null};
        forEachPoint(request, (point, field) -> {
            String ttl = point.ttl();
            if (ttl != null && !CachePoint.FIVE_MINUTES.equals(ttl) && !CachePoint.ONE_HOUR.equals(ttl)) {
                throw GatewayException.invalid(field + ".ttl", field + ".ttl must be '5m' or '1h', not '" + ttl + "'");
            }
            if (!point.oneHour()) {
                if (shortSeen[0] == null) {
                    shortSeen[0] = field;
                }
            } else if (shortSeen[0] != null) {
                throw GatewayException.invalid(
                        field + ".ttl",
                        field + " asks for ttl 1h after " + shortSeen[0] + " lives 5m; cache lifetimes must not grow"
                                + " from tools to system to messages, so put the 1h cache points first");
            }
        });
    }

    /**
     * Calls {@code action} with each cache point and its field, in the order Bedrock reads them. A field's name is
     * built only for a block that is a cache point: this runs on every call.
     */
    static void forEachPoint(ChatRequest request, BiConsumer<CachePoint, String> action) {
        ToolConfig tools = request.toolConfig();
        if (tools != null) {
            for (int i = 0; i < tools.tools().size(); i++) {
                CachePoint point = tools.tools().get(i).cachePoint();
                if (point != null) {
                    action.accept(point, "toolConfig.tools[" + i + "].cachePoint");
                }
            }
        }
        for (int i = 0; i < request.system().size(); i++) {
            CachePoint point = request.system().get(i).cachePoint();
            if (point != null) {
                action.accept(point, "system[" + i + "].cachePoint");
            }
        }
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<ContentBlock> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                CachePoint point = content.get(j).cachePoint();
                if (point != null) {
                    action.accept(point, "messages[" + i + "].content[" + j + "].cachePoint");
                }
            }
        }
    }
}
