package dev.bedrockgateway.api.openai;

import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Images, documents, reasoning, prompt caching and guardrail interventions over real HTTP with raw JSON on
 * {@code /v1/chat/completions} and {@code /v1/chat}, checked against what the simulator received.
 *
 * <p>The OpenAI-style usage mapping for cached tokens ({@code prompt_tokens_details.cached_tokens}) is not
 * covered here: an OpenAI-style body has no way to send a cache point, so the simulator never reports cache
 * usage for one. Caching is checked in Converse style on {@code /v1/chat}; the OpenAI mapping has unit tests.
 */
@GatewayIntegrationTest
class MediaAndReasoningIntegrationTest {

    private static final String NOVA_LITE = "us.amazon.nova-lite-v1:0";
    /** A direct ID the routing rewrites to its {@code us.} inference profile; Claude Sonnet 4 thinks. */
    private static final String CLAUDE = "anthropic.claude-sonnet-4-20250514-v1:0";

    private static final String COMPLETIONS = "/v1/chat/completions";
    /** A real 1x1 PNG. */
    private static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Autowired
    JsonMapper json;

    @Test
    void completionsWhenAnImageUrlIsADataUrlThenBedrockReceivesTheImageBytes() {
        GatewayResponse response = gateway.postJson(COMPLETIONS, userParts(NOVA_LITE, """
                {"type":"text","text":"Describe it"},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}""".formatted(PNG_BASE64)));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("Simulated reply to: Describe it");
        assertThat(response.json().path("usage").path("prompt_tokens").asInt())
                .as("2 words and one image of 100")
                .isEqualTo(102);
        JsonNode content = sentToBedrock().path("messages").get(0).path("content");
        assertThat(content.get(1).path("image").path("format").asString()).isEqualTo("png");
        String sentBytes =
                content.get(1).path("image").path("source").path("bytes").asString();
        assertThat(sentBytes).isEqualTo(PNG_BASE64);
        assertThat(Base64.getDecoder().decode(sentBytes)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void completionsWhenAnImageUrlIsRemoteThenAnswers400AskingForADataUrlAndBedrockIsNotCalled() {
        GatewayResponse response = gateway.postJson(COMPLETIONS, userParts(NOVA_LITE, """
                {"type":"text","text":"Describe it"},
                {"type":"image_url","image_url":{"url":"https://images.example.com/cat.png"}}"""));

        String field = "messages[0].content[1].image_url.url";
        JsonNode error = assertOpenAiError(response, 400, "invalid_request_error", field);
        assertThat(error.path("message").asString())
                .contains(field)
                .contains("data:")
                .contains("does not fetch");
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void completionsWhenAnImageIsOverBedrocksLimitThenAnswers413AndBedrockIsNotCalled() {
        String tooBig = Base64.getEncoder().encodeToString(new byte[3_750_001]);

        GatewayResponse response = gateway.postJson(COMPLETIONS, userParts(NOVA_LITE, """
                {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}""".formatted(tooBig)));

        JsonNode error = assertOpenAiError(response, 413, "invalid_request_error", "messages[0].content[0]");
        assertThat(error.path("message").asString()).contains("3750001").contains("3750000");
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void completionsWhenAFilePartHoldsAPdfThenBedrockReceivesADocumentNamedAfterTheFile() {
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        GatewayResponse response = gateway.postJson(COMPLETIONS, userParts(NOVA_LITE, """
                {"type":"text","text":"Summarise this"},
                {"type":"file","file":{"filename":"Q3_summary (final).pdf",
                  "file_data":"data:application/pdf;base64,%s"}}""".formatted(
                        Base64.getEncoder().encodeToString(pdf))));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode document =
                sentToBedrock().path("messages").get(0).path("content").get(1).path("document");
        assertThat(document.path("format").asString()).isEqualTo("pdf");
        // The extension goes (the format says it) and characters Bedrock refuses in names become hyphens.
        assertThat(document.path("name").asString()).isEqualTo("Q3-summary (final)");
        assertThat(Base64.getDecoder()
                        .decode(document.path("source").path("bytes").asString()))
                .isEqualTo(pdf);
    }

    @Test
    void completionsWhenReasoningEffortIsLowOnClaudeThenThinkingHasTheLowBudgetAndReasoningComesBack() {
        String question = "Why is the sky blue?";

        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","reasoning_effort":"low","messages":[{"role":"user","content":"%s"}]}""".formatted(CLAUDE, question));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode message = response.json().path("choices").get(0).path("message");
        assertThat(message.path("reasoning_content").asString()).isEqualTo("Simulated reasoning about: " + question);
        assertThat(message.path("content").asString()).isEqualTo("Simulated reply to: " + question);
        assertThat(simulator.lastReceived().modelId()).isEqualTo("us." + CLAUDE);
        JsonNode sent = sentToBedrock();
        assertThat(sent.path("additionalModelRequestFields").path("thinking"))
                .isEqualTo(json.readTree("{\"type\":\"enabled\",\"budget_tokens\":1024}"));
        assertThat(sent.path("inferenceConfig").path("maxTokens").asInt())
                .as("budget plus 8,192")
                .isEqualTo(9216);
    }

    @Test
    void completionsStreamWhenReasoningEffortIsSetThenReasoningDeltasJoinToTheReasoningText() {
        String question = "Why is the sky blue?";

        List<JsonNode> chunks = chunks(gateway.postJson(COMPLETIONS, """
                {"model":"%s","reasoning_effort":"low","stream":true,"messages":[{"role":"user","content":"%s"}]}""".formatted(CLAUDE, question)));

        List<String> reasoning = deltas(chunks, "reasoning_content");
        assertThat(reasoning).as("reasoning arrives in pieces").hasSizeGreaterThan(1);
        assertThat(String.join("", reasoning)).isEqualTo("Simulated reasoning about: " + question);
        assertThat(String.join("", deltas(chunks, "content"))).isEqualTo("Simulated reply to: " + question);
        assertThat(finishReasons(chunks)).containsExactly("stop");
        assertThat(simulator.lastReceived().operation()).isEqualTo("converse-stream");
    }

    @Test
    void completionsWhenReasoningEffortIsSetOnNovaThenAnswers400NamingReasoningEffort() {
        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","reasoning_effort":"medium","messages":[{"role":"user","content":"Think"}]}""".formatted(NOVA_LITE));

        JsonNode error = assertOpenAiError(response, 400, "invalid_request_error", "reasoning_effort");
        assertThat(error.path("message").asString())
                .contains("reasoning_effort")
                .contains(NOVA_LITE);
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void chatInConverseStyleWhenTheSystemPromptHasACachePointThenUsageReportsTheCacheWriteThenTheRead() {
        String systemText = "You are a careful assistant who answers briefly";
        int systemTokens = systemText.split(" ").length;
        String body = """
                {"modelId":"%s","system":[{"text":"%s"},{"cachePoint":{"type":"default"}}],
                 "messages":[{"role":"user","content":[{"text":"Hello cache"}]}]}""".formatted(CLAUDE, systemText);

        JsonNode first = gateway.postJson("/v1/chat", body).json().path("usage");
        JsonNode second = gateway.postJson("/v1/chat", body).json().path("usage");

        assertThat(first.path("cacheWriteInputTokens").asInt()).isEqualTo(systemTokens);
        assertThat(first.path("cacheReadInputTokens").asInt(-1)).isZero();
        assertThat(first.path("inputTokens").asInt()).isEqualTo(2);
        assertThat(second.path("cacheReadInputTokens").asInt()).isEqualTo(systemTokens);
        assertThat(second.path("cacheWriteInputTokens").asInt(-1)).isZero();
        assertThat(second.path("inputTokens").asInt()).isEqualTo(2);
        assertThat(sentToBedrock().path("system").get(1))
                .isEqualTo(json.readTree("{\"cachePoint\":{\"type\":\"default\"}}"));
    }

    @Test
    void completionsWhenAGuardrailLetsNothingOutThenAnswers200WithContentFilterAndEmptyContent() {
        String guarded = "test.guarded-openai-v1:0";
        simulator.answerWithoutOutput(guarded);

        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","messages":[{"role":"user","content":"Tell me a secret"}]}""".formatted(guarded));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("content_filter");
        assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").isString())
                .as("content in %s", body)
                .isTrue();
        assertThat(choice.path("message").path("content").asString()).isEmpty();
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isZero();
    }

    @Test
    void completionsStreamWhenAGuardrailLetsNothingOutThenSendsContentFilterThenDone() {
        String guarded = "test.guarded-openai-v1:0";
        simulator.answerWithoutOutput(guarded);

        GatewayResponse response = gateway.postJson(COMPLETIONS, """
                {"model":"%s","stream":true,"messages":[{"role":"user","content":"Tell me a secret"}]}""".formatted(guarded));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        List<String> data = dataLines(response);
        assertThat(data).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = chunks(response);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.has("error")).isFalse());
        assertThat(String.join("", deltas(chunks, "content"))).isEmpty();
        assertThat(finishReasons(chunks)).containsExactly("content_filter");
        assertThat(chunks.get(chunks.size() - 1)
                        .path("choices")
                        .get(0)
                        .path("finish_reason")
                        .asString())
                .isEqualTo("content_filter");
    }

    private static String userParts(String model, String parts) {
        return """
                {"model":"%s","messages":[{"role":"user","content":[%s]}]}""".formatted(model, parts);
    }

    private JsonNode sentToBedrock() {
        return json.readTree(simulator.lastReceived().body());
    }

    private static List<String> dataLines(GatewayResponse response) {
        return response.body()
                .lines()
                .filter(line -> line.startsWith("data: "))
                .map(line -> line.substring("data: ".length()))
                .toList();
    }

    private List<JsonNode> chunks(GatewayResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return dataLines(response).stream()
                .filter(data -> !"[DONE]".equals(data))
                .map(json::readTree)
                .toList();
    }

    /** The non-empty values of one delta field, in stream order. */
    private static List<String> deltas(List<JsonNode> chunks, String field) {
        return chunks.stream()
                .flatMap(chunk -> chunk.path("choices").valueStream())
                .map(choice -> choice.path("delta").path(field).asString(""))
                .filter(piece -> !piece.isEmpty())
                .collect(Collectors.toList());
    }

    private static List<String> finishReasons(List<JsonNode> chunks) {
        return chunks.stream()
                .flatMap(chunk -> chunk.path("choices").valueStream())
                .map(choice -> choice.path("finish_reason"))
                .filter(reason -> reason.isString())
                .map(JsonNode::asString)
                .toList();
    }
}
