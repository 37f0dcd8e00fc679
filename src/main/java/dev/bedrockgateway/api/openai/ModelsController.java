package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.routing.ModelCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models}: the models the gateway knows, in OpenAI's list format. */
@RestController
@Tag(name = "OpenAI compatible")
class ModelsController {

    private final ModelCatalog catalog;

    ModelsController(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/v1/models")
    @Operation(summary = "List the models the gateway knows (OpenAI list format)")
    OpenAiModelList models() {
        return new OpenAiModelList("list", catalog.models().stream()
                .map(model -> new OpenAiModelList.Model(model.id(), "model", 0, model.provider()))
                .toList());
    }
}
