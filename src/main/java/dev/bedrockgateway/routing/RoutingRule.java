package dev.bedrockgateway.routing;

/** The rules that can change a model name on its way to Bedrock; each is counted when it fires. */
public enum RoutingRule {
    /** A leading {@code bedrock/} was stripped. */
    PREFIX,
    /** A configured alias was replaced by its model ID. */
    ALIAS,
    /** A direct foundation-model ID was rewritten to a geography's inference profile. */
    GEOGRAPHY,
    /** A direct ID that Bedrock refused on demand was retried, and is now sent, as an inference profile. */
    SELF_HEAL
}
