package dev.bedrockgateway.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers Bedrock's control-plane ListInferenceProfiles ({@code GET /inference-profiles}) with
 * system-defined profiles, paged by an opaque {@code nextToken} (here simply the next offset).
 */
final class InferenceProfilesResponder {

    /** Small on purpose, so a client's pagination is always exercised. */
    static final int PAGE_SIZE = 2;

    private InferenceProfilesResponder() {}

    static ObjectNode page(JsonMapper json, List<String> profileIds, @Nullable String rawQuery) {
        Map<String, String> query = parse(rawQuery);
        int from = query.containsKey("nextToken") ? Integer.parseInt(query.get("nextToken")) : 0;
        int to = Math.min(profileIds.size(), from + PAGE_SIZE);
        ObjectNode page = json.createObjectNode();
        ArrayNode summaries = page.putArray("inferenceProfileSummaries");
        for (String id : profileIds.subList(Math.min(from, to), to)) {
            String modelId = id.substring(id.indexOf('.') + 1);
            ObjectNode summary = summaries
                    .addObject()
                    .put("inferenceProfileName", id)
                    .put("inferenceProfileArn", "arn:aws:bedrock:us-east-1:000000000000:inference-profile/" + id)
                    .put("inferenceProfileId", id)
                    .put("status", "ACTIVE")
                    .put("type", "SYSTEM_DEFINED");
            summary.putArray("models")
                    .addObject()
                    .put("modelArn", "arn:aws:bedrock:us-east-1::foundation-model/" + modelId);
        }
        if (to < profileIds.size()) {
            page.put("nextToken", Integer.toString(to));
        }
        return page;
    }

    private static Map<String, String> parse(@Nullable String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), ModelPath.percentDecode(pair.substring(eq + 1)));
            }
        }
        return values;
    }
}
