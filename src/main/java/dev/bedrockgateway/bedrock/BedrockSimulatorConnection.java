package dev.bedrockgateway.bedrock;

import java.net.URI;

/**
 * Present when the gateway talks to a local Bedrock simulator instead of AWS: its endpoint wins over
 * every other endpoint setting, and requests are signed with dummy static keys so no AWS identity is
 * looked up or leaked.
 *
 * @param endpoint the simulator's base URI
 */
public record BedrockSimulatorConnection(URI endpoint) {}
