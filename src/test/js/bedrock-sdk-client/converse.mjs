// Calls the gateway's Bedrock-wire surface with the stock AWS SDK for JavaScript v3, only the endpoint changed:
// one Converse and one ConverseStream, then prints what the SDK made of them as one JSON line on stdout.
//
// Usage: node converse.mjs [--endpoint URL] [--model ID] [--api-key KEY] [--prompt TEXT]
// Each option falls back to GATEWAY_ENDPOINT, MODEL_ID, GATEWAY_API_KEY and PROMPT.
// Exit code 0 with {"ok":true,...}; on an SDK failure exit code 1 with {"ok":false,"error":{...}}.
import { parseArgs } from 'node:util';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';

const { values: args } = parseArgs({
  options: {
    endpoint: { type: 'string', default: process.env.GATEWAY_ENDPOINT },
    model: { type: 'string', default: process.env.MODEL_ID },
    'api-key': { type: 'string', default: process.env.GATEWAY_API_KEY },
    prompt: { type: 'string', default: process.env.PROMPT ?? 'Hello from JavaScript' },
  },
});
for (const name of ['endpoint', 'model', 'api-key']) {
  if (!args[name]) {
    console.error(`missing --${name}`);
    process.exit(2);
  }
}

const client = new BedrockRuntimeClient({
  region: 'us-east-1',
  endpoint: args.endpoint,
  // The gateway refuses SigV4; these keys exist only so that the SDK never looks for a real AWS identity.
  credentials: { accessKeyId: 'AKIDJSSDKTESTONLY', secretAccessKey: 'never-used' },
  // The gateway key as a Bedrock API key, sent as "Authorization: Bearer ...": what the SDK does by itself
  // when AWS_BEARER_TOKEN_BEDROCK is set.
  token: { token: args['api-key'] },
  authSchemePreference: ['httpBearerAuth'],
  // Retries would hide a first failed attempt.
  maxAttempts: 1,
});

// The default request handler (NodeHttp2Handler) keeps HTTP/2 pseudo-headers such as ":status" among the
// response headers; an HTTP/1.1 response has none. Record per operation what actually came back.
const protocols = {};
client.middlewareStack.add(
  (next, context) => async (request) => {
    const result = await next(request);
    const headers = result.response?.headers ?? {};
    protocols[context.commandName] = ':status' in headers ? 'HTTP/2' : 'HTTP/1.1';
    return result;
  },
  { step: 'deserialize', name: 'recordHttpProtocol' },
);

const messages = [{ role: 'user', content: [{ text: args.prompt }] }];

try {
  const answer = await client.send(new ConverseCommand({ modelId: args.model, messages }));

  const stream = await client.send(new ConverseStreamCommand({ modelId: args.model, messages }));
  const deltas = [];
  const eventTypes = [];
  let streamStopReason;
  let streamUsage;
  for await (const event of stream.stream) {
    const type = Object.keys(event).find((key) => event[key] !== undefined);
    eventTypes.push(type);
    if (event.contentBlockDelta?.delta?.text !== undefined) {
      deltas.push(event.contentBlockDelta.delta.text);
    }
    if (event.messageStop) {
      streamStopReason = event.messageStop.stopReason;
    }
    if (event.metadata) {
      streamUsage = event.metadata.usage;
    }
  }

  console.log(JSON.stringify({
    ok: true,
    handlerProtocol: client.config.requestHandler.metadata?.handlerProtocol,
    converse: {
      text: answer.output.message.content.map((block) => block.text ?? '').join(''),
      stopReason: answer.stopReason,
      usage: answer.usage,
      protocol: protocols.ConverseCommand,
    },
    converseStream: {
      text: deltas.join(''),
      deltas: deltas.length,
      events: eventTypes.length,
      eventTypes,
      stopReason: streamStopReason,
      usage: streamUsage,
      protocol: protocols.ConverseStreamCommand,
    },
  }));
} catch (error) {
  console.log(JSON.stringify({
    ok: false,
    error: {
      name: error.name,
      message: error.message,
      httpStatusCode: error.$metadata?.httpStatusCode,
      protocols,
    },
  }));
  process.exitCode = 1;
} finally {
  // Open HTTP/2 sessions would keep the process alive.
  client.destroy();
}
