package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import java.util.Locale;

/**
 * How hard a model should think before it answers, as OpenAI's {@code reasoning_effort} says it. Each level
 * is a thinking budget in tokens for models with extended thinking; Anthropic's minimum is 1,024.
 */
public enum ReasoningEffort {
    LOW(1_024),
    MEDIUM(4_096),
    HIGH(16_384);

    private final int budgetTokens;

    ReasoningEffort(int budgetTokens) {
        this.budgetTokens = budgetTokens;
    }

    /** The level as the wire writes it: {@code low}, {@code medium} or {@code high}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The thinking budget in tokens. */
    public int budgetTokens() {
        return budgetTokens;
    }

    /** Parses {@code low}, {@code medium} or {@code high}, ignoring case. */
    public static ReasoningEffort parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(
                    "reasoning_effort", "reasoning_effort '" + value + "' is not supported; use low, medium or high");
        }
    }
}
