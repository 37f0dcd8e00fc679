package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.CallerWatch;
import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.api.RouteTable;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.EmbeddingRequest;
import dev.bedrockgateway.chat.EmbeddingService;
import dev.bedrockgateway.chat.Embeddings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/embeddings}: OpenAI's embeddings endpoint over Bedrock's Titan, Cohere and Nova embeddings models,
 * with the routing, tenancy, limits, metrics ({@code api=embeddings}) and cost of every call.
 */
@RestController
@Tag(name = "OpenAI compatible")
class EmbeddingsController {

    /** The tag embeddings calls are recorded under in metrics and the access log. */
    static final String TAG = "embeddings";

    private final EmbeddingService embeddings;
    private final CallerWatch watch;

    EmbeddingsController(EmbeddingService embeddings, CallerWatch watch) {
        this.embeddings = embeddings;
        this.watch = watch;
    }

    @PostMapping(path = OpenAiStyle.EMBEDDINGS, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create embeddings (OpenAI Embeddings API)",
            description = "Amazon Titan Text Embeddings V2, Cohere Embed v3 and v4 and Nova 2 multimodal embeddings."
                    + " A list of inputs is sent in batches of the model's size; `dimensions` must be one the model"
                    + " offers (GET /v1/models lists them); `input_type` (an extension) tells Cohere and Nova what the"
                    + " vectors are for.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples =
                                                    @ExampleObject(
                                                            name = "Titan V2",
                                                            value = "{\"model\": \"amazon.titan-embed-text-v2:0\","
                                                                    + " \"input\": [\"first text\", \"second text\"],"
                                                                    + " \"dimensions\": 256}"))))
    ResponseEntity<OpenAiEmbeddingList> create(
            @Parameter(hidden = true) ChatCall call,
            @RequestBody OpenAiEmbeddingRequest body,
            @Parameter(hidden = true) HttpServletRequest http) {
        RouteTable.tag(http, TAG);
        EmbeddingRequest request = OpenAiEmbeddingTranslator.toRequest(body);
        Embeddings answer = watch.during(call, () -> embeddings.embed(call, request));
        return ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, answer.bedrockModelId())
                .body(OpenAiEmbeddingTranslator.toList(answer, request.modelId(), body.encodingFormat()));
    }
}
