package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.routing.CapabilityOverride;
import dev.bedrockgateway.routing.CatalogSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrock.model.InferenceType;
import software.amazon.awssdk.services.bedrock.model.ModelModality;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Lists system-defined inference profiles and foundation models with Bedrock's control-plane API (service
 * {@code bedrock}), all pages, in every region the tenants use.
 */
class BedrockCatalogSource implements CatalogSource, SdkAutoCloseable {

    private final List<BedrockAsyncClient> clients;

    BedrockCatalogSource(Collection<BedrockAsyncClient> clients) {
        this.clients = List.copyOf(clients);
    }

    @Override
    public List<String> systemInferenceProfileIds() {
        List<String> ids = new ArrayList<>();
        try {
            for (BedrockAsyncClient client : clients) {
                client.listInferenceProfilesPaginator(
                                request -> request.typeEquals(InferenceProfileType.SYSTEM_DEFINED))
                        .inferenceProfileSummaries()
                        .subscribe(summary -> ids.add(summary.inferenceProfileId()))
                        .join();
            }
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
        return ids.stream().distinct().toList();
    }

    @Override
    public List<CapabilityOverride> foundationModels() {
        Map<String, CapabilityOverride> models = new LinkedHashMap<>();
        try {
            for (BedrockAsyncClient client : clients) {
                for (FoundationModelSummary summary :
                        client.listFoundationModels(request -> {}).join().modelSummaries()) {
                    CapabilityOverride discovered = discovered(summary);
                    if (discovered != null) {
                        models.putIfAbsent(discovered.model(), discovered);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
        return List.copyOf(models.values());
    }

    /** What a summary says, for a model that answers in text or embeddings; null for image and video models. */
    static @Nullable CapabilityOverride discovered(FoundationModelSummary summary) {
        List<ModelModality> output = summary.outputModalities();
        if (!output.contains(ModelModality.TEXT) && !output.contains(ModelModality.EMBEDDING)) {
            return null;
        }
        List<InferenceType> inference = summary.inferenceTypesSupported();
        return new CapabilityOverride(
                summary.modelId(),
                null,
                summary.responseStreamingSupported(),
                null,
                null,
                summary.inputModalities().contains(ModelModality.IMAGE),
                null,
                null,
                null,
                null,
                null,
                inference.isEmpty() ? null : inference.contains(InferenceType.ON_DEMAND));
    }

    @Override
    public void close() {
        clients.forEach(BedrockAsyncClient::close);
    }
}
