package dev.bedrockgateway.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides which tools a simulated model calls, and with which input, from the request alone.
 *
 * <p>{@code toolChoice.tool} calls the named tool, {@code toolChoice.any} the first tool; otherwise
 * ({@code auto} or no choice) every tool whose name occurs in the last user text, ignoring case, is
 * called, in the order the names first occur there; {@code toolChoice.none} (only InvokeModel's Anthropic
 * {@code tool_choice} can say so) calls none. The input follows the tool's
 * {@code inputSchema.json.properties} in schema order: an {@code enum} gives its first value; otherwise
 * strings give {@code "<property>-value"}, integers 1, numbers 1.5, booleans true, arrays [] and objects
 * {}. Writing {@code <property>=<word>} in the user text makes a string, integer, number or enum property
 * take that word instead.
 */
final class ToolCallPlanner {

    private static final String TOOL_USE_ID_PREFIX = "tooluse_";
    private static final int TOOL_USE_ID_HASH_CHARS = 22;

    private final JsonMapper json;

    ToolCallPlanner(JsonMapper json) {
        this.json = json;
    }

    /**
     * One planned call.
     *
     * @param toolUseId the deterministic tool-use id
     * @param name the tool's name
     * @param input the generated input
     */
    record ToolCall(String toolUseId, String name, ObjectNode input) {}

    /** The calls the model makes for this request, or an empty list to answer with text. */
    List<ToolCall> plan(JsonNode request, String userText) {
        JsonNode toolConfig = request.path("toolConfig");
        List<JsonNode> specs = new ArrayList<>();
        for (JsonNode tool : toolConfig.path("tools")) {
            if (tool.path("toolSpec").isObject()) {
                specs.add(tool.get("toolSpec"));
            }
        }
        List<JsonNode> chosen = choose(specs, toolConfig.path("toolChoice"), userText);
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            JsonNode spec = chosen.get(i);
            String name = spec.path("name").asString("");
            calls.add(new ToolCall(
                    toolUseId(name, i, userText),
                    name,
                    input(spec.path("inputSchema").path("json"), userText)));
        }
        return calls;
    }

    private static List<JsonNode> choose(List<JsonNode> specs, JsonNode choice, String userText) {
        if (choice.has("none")) {
            // Not a Converse choice: Anthropic's tool_choice {"type":"none"}, which InvokeModel bodies can carry.
            return List.of();
        }
        if (choice.has("tool")) {
            String name = choice.path("tool").path("name").asString("");
            return specs.stream()
                    .filter(spec -> name.equals(spec.path("name").asString("")))
                    .limit(1)
                    .toList();
        }
        if (choice.has("any")) {
            return specs.isEmpty() ? List.of() : List.of(specs.get(0));
        }
        String text = userText.toLowerCase(Locale.ROOT);
        // Stable sort: tools first mentioned at the same place keep their configured order.
        return specs.stream()
                .filter(spec -> mention(spec, text) >= 0)
                .sorted(Comparator.comparingInt(spec -> mention(spec, text)))
                .toList();
    }

    private static int mention(JsonNode spec, String lowerCaseText) {
        return lowerCaseText.indexOf(spec.path("name").asString("").toLowerCase(Locale.ROOT));
    }

    /** {@code "tooluse_"} plus 22 URL-safe characters of a hash of the call, like Bedrock's ids. */
    static String toolUseId(String name, int callIndex, String userText) {
        byte[] hash = Digests.sha256(name + '\u0000' + callIndex + '\u0000' + userText);
        return TOOL_USE_ID_PREFIX
                + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, TOOL_USE_ID_HASH_CHARS);
    }

    private ObjectNode input(JsonNode schema, String userText) {
        ObjectNode input = json.createObjectNode();
        JsonNode properties = schema.path("properties");
        if (!properties.isObject()) {
            return input;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String name = property.getKey();
            JsonNode propertySchema = property.getValue();
            String given = assignedWord(userText, name);
            JsonNode values = propertySchema.path("enum");
            if (values.isArray() && !values.isEmpty()) {
                input.set(
                        name,
                        values.valueStream()
                                .filter(value -> value.asString("").equals(given))
                                .findFirst()
                                .orElse(values.get(0)));
                continue;
            }
            switch (type(propertySchema)) {
                case "integer" ->
                    input.put(name, given != null && given.matches("-?\\d{1,18}") ? Long.parseLong(given) : 1);
                case "number" ->
                    input.put(name, given != null && isNumber(given) ? new BigDecimal(given) : new BigDecimal("1.5"));
                case "boolean" -> input.put(name, true);
                case "array" -> input.putArray(name);
                case "object" -> input.putObject(name);
                default -> input.put(name, given != null ? given : name + "-value");
            }
        }
        return input;
    }

    /** The schema type; for a type list such as {@code ["string","null"]}, the first type that is not null. */
    private static String type(JsonNode propertySchema) {
        JsonNode type = propertySchema.path("type");
        if (type.isArray()) {
            return type.valueStream()
                    .map(t -> t.asString(""))
                    .filter(t -> !"null".equals(t))
                    .findFirst()
                    .orElse("string");
        }
        return type.asString("string");
    }

    /** The word after {@code <property>=} in the text (trailing punctuation dropped), or {@code null}. */
    private static @Nullable String assignedWord(String text, String property) {
        Matcher matcher = Pattern.compile("(?<![\\w-])" + Pattern.quote(property) + "=(\\S+?)[.,;:!?]*(?=\\s|$)")
                .matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
