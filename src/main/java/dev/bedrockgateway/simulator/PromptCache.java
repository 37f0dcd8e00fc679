package dev.bedrockgateway.simulator;

import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Prompt caching as Bedrock reports it for Anthropic models. Everything before the request's last
 * {@code cachePoint} (system blocks, then tools, then messages; see {@link TokenCounter}) is the cached
 * prefix. The first request with a given prefix for a given model writes it to the cache, later ones
 * read it; the cached tokens are then left out of {@code inputTokens}, as Anthropic does. Requests
 * without any cache point report no cache fields at all.
 *
 * <p>Remembers the prefixes it has seen (as hashes), so it belongs to one simulator's state and is
 * cleared by its reset.
 */
final class PromptCache {

    private final Set<String> seenPrefixes = ConcurrentHashMap.newKeySet();

    /**
     * The input side of a usage report.
     *
     * @param inputTokens the uncached input tokens
     * @param cacheReadInputTokens tokens read from the cache, or {@code null} when the request has no cache point
     * @param cacheWriteInputTokens tokens written to the cache, or {@code null} when the request has no cache point
     */
    record InputUsage(
            int inputTokens,
            @Nullable Integer cacheReadInputTokens,
            @Nullable Integer cacheWriteInputTokens) {

        /** Usage of a request that does not use the cache. */
        static InputUsage uncached(int inputTokens) {
            return new InputUsage(inputTokens, null, null);
        }
    }

    /** Accounts the request's input against the cache, remembering its prefix for next time. */
    InputUsage account(String modelId, List<TokenCounter.Segment> segments) {
        int lastCachePoint = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).cachePoint()) {
                lastCachePoint = i;
            }
        }
        int total = TokenCounter.total(segments);
        if (lastCachePoint < 0) {
            return InputUsage.uncached(total);
        }
        List<TokenCounter.Segment> prefix = segments.subList(0, lastCachePoint);
        int cached = TokenCounter.total(prefix);
        StringBuilder key = new StringBuilder(modelId == null ? "" : modelId);
        prefix.forEach(segment -> key.append('\n').append(segment.key()));
        boolean firstTime = seenPrefixes.add(Base64.getEncoder().encodeToString(Digests.sha256(key.toString())));
        return new InputUsage(total - cached, firstTime ? 0 : cached, firstTime ? cached : 0);
    }

    void clear() {
        seenPrefixes.clear();
    }
}
