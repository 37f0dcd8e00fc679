package dev.bedrockgateway.api;

/** Runnable request examples shown in Swagger UI, one per request style; they work against the local profile. */
public final class ApiExamples {

    /** An OpenAI-style chat request. */
    public static final String OPENAI_CHAT = """
            {
              "model": "bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0",
              "messages": [
                {"role": "system", "content": "You answer in one sentence."},
                {"role": "user", "content": "What is an inference profile?"}
              ],
              "max_completion_tokens": 256,
              "temperature": 0.2
            }""";

    /** An OpenAI-style request offering the model a function to call. */
    public static final String OPENAI_TOOLS = """
            {
              "model": "us.anthropic.claude-3-5-haiku-20241022-v1:0",
              "messages": [{"role": "user", "content": "What is the weather in Paris? Use get_weather."}],
              "tools": [{
                "type": "function",
                "function": {
                  "name": "get_weather",
                  "description": "Current weather for a city",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
                }
              }],
              "tool_choice": "auto"
            }""";

    /** An OpenAI-style streamed request with the usage chunk. */
    public static final String OPENAI_STREAM = """
            {
              "model": "us.amazon.nova-lite-v1:0",
              "messages": [{"role": "user", "content": "Count to five."}],
              "stream": true,
              "stream_options": {"include_usage": true}
            }""";

    /** A Converse-style chat request for {@code /v1/chat}. */
    public static final String CONVERSE_CHAT = """
            {
              "modelId": "us.anthropic.claude-3-5-haiku-20241022-v1:0",
              "system": [{"text": "You answer in one sentence."}],
              "messages": [
                {"role": "user", "content": [{"text": "What is an inference profile?"}]}
              ],
              "inferenceConfig": {"maxTokens": 256, "temperature": 0.2}
            }""";

    /** A Bedrock-wire Converse body (the model is in the path). */
    public static final String BEDROCK_CONVERSE = """
            {
              "messages": [
                {"role": "user", "content": [{"text": "What is an inference profile?"}]}
              ],
              "inferenceConfig": {"maxTokens": 256}
            }""";

    /** An InvokeModel body for Anthropic Claude: Anthropic's Messages body with Bedrock's version, no model. */
    public static final String BEDROCK_INVOKE_CLAUDE = """
            {
              "anthropic_version": "bedrock-2023-05-31",
              "max_tokens": 256,
              "messages": [
                {"role": "user", "content": "What is an inference profile?"}
              ]
            }""";

    /** An Anthropic Messages request, by Anthropic's model name. */
    public static final String ANTHROPIC_MESSAGES = """
            {
              "model": "claude-haiku-4-5",
              "max_tokens": 256,
              "messages": [{"role": "user", "content": "What is an inference profile?"}]
            }""";

    /** The same, streamed as Anthropic's server-sent events. */
    public static final String ANTHROPIC_MESSAGES_STREAM = """
            {
              "model": "claude-haiku-4-5",
              "max_tokens": 256,
              "stream": true,
              "messages": [{"role": "user", "content": "What is an inference profile?"}]
            }""";

    /** An Anthropic token-counting request. */
    public static final String ANTHROPIC_COUNT_TOKENS = """
            {
              "model": "claude-haiku-4-5",
              "messages": [{"role": "user", "content": "What is an inference profile?"}]
            }""";

    private ApiExamples() {}
}
