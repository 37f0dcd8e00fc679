package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.EmbeddingSpec;
import dev.bedrockgateway.routing.ModelApi;
import dev.bedrockgateway.routing.ModelCapabilities;
import dev.bedrockgateway.routing.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request path for embeddings, whatever surface asked: routing for the tenant, its allow-list and limits, and
 * the retries, fallbacks and breakers of every call, then InvokeModel with the model's own body ({@link
 * EmbeddingBodies}), in as many calls as its batch size needs. Inputs the model would refuse are refused first, each
 * naming its limit.
 */
@Service
public class EmbeddingService {

    /** The most inputs one request may hold, as OpenAI's own embeddings endpoint allows. */
    static final int MAX_INPUTS = 2048;

    /** What the vectors are for, as Cohere and Nova take it. */
    static final Set<String> PURPOSES = Set.of("search_document", "search_query", "classification", "clustering");

    private final ModelGate gate;
    private final InvokeBackend backend;
    private final ModelCatalog catalog;
    private final JsonMapper json;

    EmbeddingService(ModelGate gate, InvokeBackend backend, ModelCatalog catalog, JsonMapper json) {
        this.gate = gate;
        this.backend = backend;
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * Embeds every input, on the calling thread.
     *
     * @throws GatewayException 400 naming the limit an input breaks or when the model does not embed; routing,
     *     permission, limit and upstream errors as for a chat call
     */
    public Embeddings embed(ChatCall call, EmbeddingRequest request) {
        return SettledCall.run(call, request.modelId(), settled -> {
            check(request);
            Upstream route = gate.route(call, request.modelId());
            EmbeddingSpec spec = spec(route.bedrockModelId());
            int dimensions = dimensions(request, spec, route.bedrockModelId());
            List<String> inputs = request.inputs();
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).length() > spec.maxInputChars()) {
                    throw GatewayException.invalid(
                            "input",
                            "input[" + i + "] is " + inputs.get(i).length() + " characters long; model '"
                                    + route.bedrockModelId() + "' takes at most " + spec.maxInputChars());
                }
            }
            long estimate =
                    inputs.stream().mapToLong(text -> text.length() / 4 + 1).sum();
            settled.admitted(gate.admit(call, request.modelId(), route, ignored -> estimate, () -> estimate));
            List<float[]> vectors = new ArrayList<>(inputs.size());
            int tokens = 0;
            for (int from = 0; from < inputs.size(); from += spec.maxInputs()) {
                List<String> batch = inputs.subList(from, Math.min(inputs.size(), from + spec.maxInputs()));
                InvokeRequest invoke = new InvokeRequest(
                        request.modelId(),
                        EmbeddingBodies.body(json, spec, batch, dimensions, request.purpose()),
                        InvokeOptions.NONE);
                InvokeResponse answer = gate.send(
                        call, request.modelId(), route, (target, modelId) -> backend.invoke(target, modelId, invoke));
                vectors.addAll(EmbeddingBodies.vectors(json, spec, answer.body(), batch.size()));
                tokens += answer.usage() != null
                        ? answer.usage().inputTokens()
                        : Math.max(0, EmbeddingBodies.bodyTokens(json, answer.body()));
            }
            call.usage(new TokenUsage(tokens, 0, tokens, null, null));
            return new Embeddings(vectors, tokens, route.bedrockModelId());
        });
    }

    private static void check(EmbeddingRequest request) {
        if (request.inputs().isEmpty()) {
            throw GatewayException.invalid("input", "input must hold at least one text");
        }
        if (request.inputs().size() > MAX_INPUTS) {
            throw GatewayException.invalid(
                    "input", "input holds " + request.inputs().size() + " texts; at most " + MAX_INPUTS + " a request");
        }
        for (int i = 0; i < request.inputs().size(); i++) {
            if (request.inputs().get(i).isBlank()) {
                throw GatewayException.invalid("input", "input[" + i + "] is empty; Bedrock embeds no empty text");
            }
        }
        if (request.purpose() != null && !PURPOSES.contains(request.purpose())) {
            throw GatewayException.invalid(
                    "input_type", "input_type '" + request.purpose() + "' is not one of " + PURPOSES);
        }
    }

    private EmbeddingSpec spec(String bedrockModelId) {
        ModelCapabilities can = catalog.capabilities(bedrockModelId);
        // A model has an embedding spec exactly when it answers on the embeddings API (ModelCapabilities checks).
        EmbeddingSpec spec = can == null ? null : can.embedding();
        if (spec == null) {
            throw GatewayException.invalid(
                    "model",
                    "model '" + bedrockModelId + "' is not an embeddings model the gateway knows; use one of "
                            + embeddingModels());
        }
        return spec;
    }

    private List<String> embeddingModels() {
        return catalog.models().stream()
                .filter(model ->
                        model.capabilities() != null && model.capabilities().speaks(ModelApi.EMBEDDINGS))
                .map(model -> model.id())
                .toList();
    }

    private static int dimensions(EmbeddingRequest request, EmbeddingSpec spec, String bedrockModelId) {
        Integer asked = request.dimensions();
        if (asked == null) {
            return spec.defaultDimensions();
        }
        if (!spec.dimensions().contains(asked)) {
            throw GatewayException.invalid(
                    "dimensions",
                    "dimensions " + asked + " is not offered by model '" + bedrockModelId + "'; it returns "
                            + spec.dimensions().stream().sorted().toList());
        }
        return asked;
    }
}
