package dev.bedrockgateway.support;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway answered.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body raw body text
 * @param jsonMapper parses the body on demand
 */
public record GatewayResponse(int status, HttpHeaders headers, String body, JsonMapper jsonMapper) {

    /** The body as a JSON tree. */
    public JsonNode json() {
        return jsonMapper.readTree(body);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
