package dev.bedrockgateway.routing;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a model thinks before it answers, which decides what a request may say about it. */
public enum Reasoning {
    /** It does not: a reasoning setting is refused. */
    @JsonProperty("none")
    NONE,
    /** Thinking is turned on with a token budget ({@code thinking.type: enabled}). */
    @JsonProperty("budget")
    BUDGET,
    /** The model decides how much to think ({@code thinking.type: adaptive}); a budget is refused. */
    @JsonProperty("adaptive")
    ADAPTIVE,
    /** It always thinks; nothing turns it on or off. */
    @JsonProperty("always")
    ALWAYS
}
