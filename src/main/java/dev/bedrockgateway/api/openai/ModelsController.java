package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: the names callers can send, in OpenAI's list format, each with where it routes. */
@RestController
@Tag(name = "OpenAI compatible")
class ModelsController {

    private final ChatService chatService;

    ModelsController(ChatService chatService) {
        this.chatService = chatService;
    }

    @GetMapping(OpenAiStyle.MODELS)
    @Operation(
            summary = "List the models and aliases callers can use (OpenAI list format)",
            description =
                    "`bedrock_model_id` is the model ID or inference profile Bedrock receives for each name, for the"
                            + " caller's tenant; `capabilities` says what the model can do (APIs, streaming, tools, images,"
                            + " documents, reasoning, prompt caching, service tiers, on-demand or profiles only).")
    OpenAiModelList models(@Parameter(hidden = true) Tenant tenant) {
        return new OpenAiModelList(
                "list",
                chatService.models(tenant).stream()
                        .map(model -> new OpenAiModelList.Model(
                                model.name(),
                                "model",
                                0,
                                model.provider(),
                                model.bedrockModelId(),
                                OpenAiModelList.Capabilities.of(chatService.capabilities(model.bedrockModelId()))))
                        .toList());
    }
}
