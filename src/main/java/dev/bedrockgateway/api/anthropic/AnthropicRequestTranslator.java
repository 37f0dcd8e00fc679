package dev.bedrockgateway.api.anthropic;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ConversationNormalizer;
import dev.bedrockgateway.chat.InferenceConfig;
import dev.bedrockgateway.chat.Message;
import dev.bedrockgateway.chat.ReasoningEffort;
import dev.bedrockgateway.chat.Role;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates a Messages request into the core request, for models that answer through Converse (Claude models
 * take the request as it is, see {@link ClaudeInvokeBody}); pure. The conversation is reshaped for Bedrock by
 * {@link ConversationNormalizer}, as for every surface. What Converse cannot carry (Anthropic's server tools,
 * containers, MCP servers, citations, search results, URL and file media) is refused with a 400 naming it, rather
 * than dropped; {@code metadata} is ignored, as it cannot change the answer.
 */
public final class AnthropicRequestTranslator {

    private AnthropicRequestTranslator() {}

    /**
     * Translates a request.
     *
     * @param request the Messages body
     * @param modelId the model the core should route, as the caller has already mapped it
     * @throws GatewayException (400) naming the offending field when the request cannot be expressed
     */
    public static ChatRequest toChatRequest(AnthropicRequest request, String modelId) {
        refuseUnsupported(request);
        Integer maxTokens = request.maxTokens();
        if (maxTokens == null) {
            throw GatewayException.invalid("max_tokens", "max_tokens: Field required");
        }
        if (maxTokens < 1) {
            throw GatewayException.invalid(
                    "max_tokens", "max_tokens must be at least 1: Bedrock's Converse API always generates");
        }
        List<AnthropicRequest.Message> input = request.messages();
        if (input == null) {
            throw GatewayException.invalid("messages", "messages: Field required");
        }
        List<ConversationNormalizer.Turn> turns = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            turns.add(new ConversationNormalizer.Turn(message(input.get(i), "messages[" + i + "]"), i));
        }
        List<Message> messages = ConversationNormalizer.normalize(turns);
        boolean usesTools = messages.stream()
                .flatMap(message -> message.content().stream())
                .anyMatch(block -> block.toolUse() != null || block.toolResult() != null);
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        ReasoningEffort effort = thinking(request, fields);
        if (request.topK() != null) {
            // Converse has no top_k; Anthropic's name for it goes to the model, which may know it by another.
            fields.put("top_k", request.topK());
        }
        return new ChatRequest(
                modelId,
                messages,
                AnthropicContentTranslator.system(request.system()),
                AnthropicToolTranslator.toolConfig(request.tools(), request.toolChoice(), usesTools),
                inferenceConfig(request, maxTokens, effort != null),
                fields.isEmpty() ? null : fields,
                List.of(),
                Map.of(),
                effort,
                null);
    }

    private static Message message(AnthropicRequest.@Nullable Message message, String field) {
        if (message == null) {
            throw GatewayException.invalid(field, field + " must be an object with role and content");
        }
        Role role = switch (message.role() == null ? "" : message.role()) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "" -> throw GatewayException.invalid(field + ".role", field + ".role: Field required");
            default ->
                throw GatewayException.invalid(field + ".role", field + ".role: Input should be 'user' or 'assistant'");
        };
        List<AnthropicContentBlock> content = message.content();
        if (content == null) {
            throw GatewayException.invalid(field + ".content", field + ".content: Field required");
        }
        return new Message(role, AnthropicContentTranslator.content(content, field));
    }

    /**
     * The reasoning level for the core, with Anthropic's own {@code thinking} field added for the model, or null
     * when the caller asked for no thinking. The core checks the routed model can think; the settings Anthropic
     * refuses alongside thinking are refused here, in Anthropic's terms.
     */
    private static @Nullable ReasoningEffort thinking(AnthropicRequest request, ObjectNode fields) {
        AnthropicRequest.Thinking thinking = request.thinking();
        String type = thinking == null || thinking.type() == null ? "disabled" : thinking.type();
        ReasoningEffort effort = switch (type) {
            case "disabled" -> null;
            // Adaptive thinking sizes its own budget; high is Anthropic's default effort.
            case "adaptive" -> ReasoningEffort.HIGH;
            case "enabled" -> effort(thinking == null ? null : thinking.budgetTokens());
            default ->
                throw GatewayException.invalid(
                        "thinking.type",
                        "thinking.type '" + type + "' is not supported; use enabled, adaptive or disabled");
        };
        if (effort == null || thinking == null) {
            return null;
        }
        ObjectNode field = fields.putObject("thinking").put("type", type);
        if (thinking.budgetTokens() != null && "enabled".equals(type)) {
            field.put("budget_tokens", thinking.budgetTokens());
        }
        Double temperature = request.temperature();
        if (temperature != null && temperature != 1.0) {
            throw GatewayException.invalid("temperature", "temperature may only be set to 1 when thinking is enabled");
        }
        if (request.topP() != null || request.topK() != null) {
            String param = request.topP() != null ? "top_p" : "top_k";
            throw GatewayException.invalid(
                    param, param + " cannot be combined with thinking: extended thinking runs at the default sampling");
        }
        return effort;
    }

    /** The level whose budget is the largest that fits in the caller's; the caller's own budget still applies. */
    private static ReasoningEffort effort(@Nullable Integer budgetTokens) {
        if (budgetTokens == null) {
            throw GatewayException.invalid("thinking.budget_tokens", "thinking.budget_tokens: Field required");
        }
        if (budgetTokens < ReasoningEffort.LOW.budgetTokens()) {
            throw GatewayException.invalid(
                    "thinking.budget_tokens",
                    "thinking.budget_tokens: Input should be greater than or equal to "
                            + ReasoningEffort.LOW.budgetTokens());
        }
        ReasoningEffort fits = ReasoningEffort.LOW;
        for (ReasoningEffort level : ReasoningEffort.values()) {
            if (level.budgetTokens() <= budgetTokens) {
                fits = level;
            }
        }
        return fits;
    }

    /** The sampling settings; a temperature of 1 beside thinking is Anthropic's default, so it is left out. */
    private static InferenceConfig inferenceConfig(AnthropicRequest request, int maxTokens, boolean thinks) {
        List<String> stops = request.stopSequences();
        return new InferenceConfig(
                maxTokens,
                thinks ? null : request.temperature(),
                request.topP(),
                stops == null || stops.isEmpty() ? null : stops);
    }

    // A field the gateway would silently drop could change what the caller gets, so it is refused by name.
    private static void refuseUnsupported(AnthropicRequest request) {
        if (request.container() != null && !request.container().isNull()) {
            throw GatewayException.invalid(
                    "container",
                    "container is not supported: code-execution containers run on Anthropic's side, and this model"
                            + " answers through Bedrock's Converse API");
        }
        if (request.mcpServers() != null
                && !request.mcpServers().isNull()
                && !(request.mcpServers().isArray() && request.mcpServers().isEmpty())) {
            throw GatewayException.invalid(
                    "mcp_servers",
                    "mcp_servers is not supported: Anthropic's MCP connector calls the servers from Anthropic's side,"
                            + " and this model answers through Bedrock's Converse API; call the tools from the client");
        }
    }
}
