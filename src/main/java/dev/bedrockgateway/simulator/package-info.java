/**
 * An in-process Bedrock Runtime and Bedrock simulator that speaks the real wire (JSON, event-stream frames, AWS
 * error headers), for the {@code local} profile and the tests. It imports nothing of the gateway: the gateway
 * reaches it only through the endpoint and credentials {@link dev.bedrockgateway.simulator.SimulatorInitializer}
 * hands it, as it would reach AWS.
 */
@NullMarked
package dev.bedrockgateway.simulator;

import org.jspecify.annotations.NullMarked;
