/**
 * The AWS event-stream wire encoding Bedrock streams in. It imports nothing of the gateway, so the Bedrock-wire
 * surface, the simulator and the benchmark share it without depending on each other.
 */
@NullMarked
package dev.bedrockgateway.eventstream;

import org.jspecify.annotations.NullMarked;
