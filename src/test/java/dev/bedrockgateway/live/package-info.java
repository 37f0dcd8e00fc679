/**
 * The opt-in contract suite against real Amazon Bedrock. Each test sends the same request through the stock AWS
 * SDK to real Bedrock and to a {@link dev.bedrockgateway.simulator.BedrockSimulator} started in the test, and
 * checks that both answer alike in what the gateway's tests rely on. Every test is skipped unless
 * {@link dev.bedrockgateway.live.LiveBedrockSettings} finds a model and credentials in the environment.
 */
@NullMarked
package dev.bedrockgateway.live;

import org.jspecify.annotations.NullMarked;
