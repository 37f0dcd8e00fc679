// The stock AWS SDK for JavaScript v3 on the gateway's Bedrock wire, over HTTP/1.1 (NodeHttpHandler), as a
// short-lived script would use it: one ConverseStream whose model fails midway, no client.destroy(). The process
// must then exit by itself; it cannot while the pooled socket of the failed stream stays open.
// GATEWAY_URL, GATEWAY_API_KEY and MODEL_ID come from the environment.
import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const client = new BedrockRuntimeClient({
  region: "us-east-1",
  endpoint: process.env.GATEWAY_URL,
  token: { token: process.env.GATEWAY_API_KEY },
  authSchemePreference: ["httpBearerAuth"],
  requestHandler: new NodeHttpHandler(),
  maxAttempts: 1,
});

let deltas = 0;
try {
  const response = await client.send(
    new ConverseStreamCommand({
      modelId: process.env.MODEL_ID,
      messages: [{ role: "user", content: [{ text: "Hi" }] }],
    }),
  );
  for await (const event of response.stream) {
    if (event.contentBlockDelta) {
      deltas++;
    }
  }
  console.log(`completed after ${deltas} deltas`);
} catch (error) {
  console.log(`failed after ${deltas} deltas with ${error.name}`);
}
