package dev.bedrockgateway.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's token arithmetic: a token is a whitespace-separated word, so tests can count them by
 * eye. Per block:
 * <ul>
 *   <li>text (messages and system): its words;
 *   <li>image and document (also inside tool results): {@value #MEDIA_TOKENS} each, so a test can see they arrived;
 *   <li>toolUse: the words of its name plus those of its input as compact JSON;
 *   <li>toolResult: the words of each text item and of each json item as compact JSON, plus media;
 *   <li>reasoningContent: the words of its reasoning text;
 *   <li>tool specification: the words of its name and description (the schema is not counted);
 *   <li>cachePoint and anything else: 0.
 * </ul>
 */
final class TokenCounter {

    static final int MEDIA_TOKENS = 100;

    private TokenCounter() {}

    /**
     * One countable piece of the request's input, in the order prompt caching reads it.
     *
     * @param key what identifies the piece, to recognise an identical cached prefix later
     * @param tokens its token count
     * @param cachePoint whether this piece is a cache point (which counts 0)
     */
    record Segment(String key, int tokens, boolean cachePoint) {}

    /** The input pieces: system blocks, then tools, then every message's blocks, each in request order. */
    static List<Segment> inputSegments(JsonNode request) {
        List<Segment> segments = new ArrayList<>();
        for (JsonNode block : request.path("system")) {
            int tokens = countWords(block.path("text").asString(""));
            segments.add(new Segment("system:" + block, tokens, block.has("cachePoint")));
        }
        for (JsonNode tool : request.path("toolConfig").path("tools")) {
            JsonNode spec = tool.path("toolSpec");
            int tokens = countWords(spec.path("name").asString(""))
                    + countWords(spec.path("description").asString(""));
            segments.add(new Segment("tool:" + tool, tokens, tool.has("cachePoint")));
        }
        JsonNode messages = request.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String prefix = "message:" + i + ":" + message.path("role").asString("") + ":";
            for (JsonNode block : message.path("content")) {
                segments.add(new Segment(prefix + block, blockTokens(block), block.has("cachePoint")));
            }
        }
        return segments;
    }

    /** The sum of the segments' tokens. */
    static int total(List<Segment> segments) {
        return segments.stream().mapToInt(Segment::tokens).sum();
    }

    /** The output tokens of an answer's content blocks. */
    static int outputTokens(JsonNode content) {
        int tokens = 0;
        for (JsonNode block : content) {
            tokens += blockTokens(block);
        }
        return tokens;
    }

    /** The tokens of one content block, as listed in the class comment. */
    static int blockTokens(JsonNode block) {
        if (block.has("text")) {
            return countWords(block.path("text").asString(""));
        }
        if (block.has("image") || block.has("document")) {
            return MEDIA_TOKENS;
        }
        if (block.has("toolUse")) {
            JsonNode toolUse = block.get("toolUse");
            return countWords(toolUse.path("name").asString(""))
                    + countWords(toolUse.path("input").toString());
        }
        if (block.has("toolResult")) {
            int tokens = 0;
            for (JsonNode item : block.get("toolResult").path("content")) {
                tokens += item.has("json") ? countWords(item.get("json").toString()) : blockTokens(item);
            }
            return tokens;
        }
        if (block.has("reasoningContent")) {
            return countWords(block.get("reasoningContent")
                    .path("reasoningText")
                    .path("text")
                    .asString(""));
        }
        return 0;
    }

    static int countWords(String text) {
        return words(text).length;
    }

    static String[] words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }
}
