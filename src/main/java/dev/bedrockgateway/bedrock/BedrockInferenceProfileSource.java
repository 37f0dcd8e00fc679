package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.routing.InferenceProfileSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.bedrock.BedrockAsyncClient;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Lists system-defined inference profiles with Bedrock's control-plane API (service {@code bedrock}),
 * all pages, in every region the tenants use.
 */
class BedrockInferenceProfileSource implements InferenceProfileSource, SdkAutoCloseable {

    private final List<BedrockAsyncClient> clients;

    BedrockInferenceProfileSource(Collection<BedrockAsyncClient> clients) {
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
    public void close() {
        clients.forEach(BedrockAsyncClient::close);
    }
}
