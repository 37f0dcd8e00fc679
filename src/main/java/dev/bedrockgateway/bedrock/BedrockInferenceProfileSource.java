package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.routing.InferenceProfileSource;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;

/** Lists system-defined inference profiles with Bedrock's control-plane API (service {@code bedrock}), all pages. */
class BedrockInferenceProfileSource implements InferenceProfileSource {

    private final BedrockAsyncClient client;

    BedrockInferenceProfileSource(BedrockAsyncClient client) {
        this.client = client;
    }

    @Override
    public List<String> systemInferenceProfileIds() {
        List<String> ids = new ArrayList<>();
        try {
            client.listInferenceProfilesPaginator(request -> request.typeEquals(InferenceProfileType.SYSTEM_DEFINED))
                    .inferenceProfileSummaries()
                    .subscribe(summary -> ids.add(summary.inferenceProfileId()))
                    .join();
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
        return List.copyOf(ids);
    }
}
