/**
 * An in-process Bedrock Runtime and Bedrock simulator that speaks the real wire (JSON, event-stream frames, AWS
 * error headers), for the {@code local} profile and the tests. It imports nothing of the gateway: the gateway
 * reaches it only through the endpoint and credentials {@link dev.bedrockgateway.simulator.SimulatorInitializer}
 * hands it, as it would reach AWS.
 *
 * <p>It serves the Bedrock Runtime operations Converse, ConverseStream, InvokeModel (Anthropic Claude and Amazon
 * Nova bodies), InvokeModelWithResponseStream and CountTokens ({@link dev.bedrockgateway.simulator.SimulatorOperation}),
 * the control plane's ListInferenceProfiles, and the STS and IAM Identity Center calls that tenants' credentials
 * make. Tests inspect what arrived ({@link dev.bedrockgateway.simulator.RecordedRequest}) and script faults,
 * mid-stream failures and delays through {@link dev.bedrockgateway.simulator.BedrockSimulator}.
 */
@NullMarked
package dev.bedrockgateway.simulator;

import org.jspecify.annotations.NullMarked;
