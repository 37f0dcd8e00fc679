package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.ChatStream;
import dev.bedrockgateway.chat.ChatStreamEvent;
import dev.bedrockgateway.chat.ChatStreamListener;
import dev.bedrockgateway.chat.InvokeBackend;
import dev.bedrockgateway.chat.InvokeOptions;
import dev.bedrockgateway.chat.InvokeRequest;
import dev.bedrockgateway.chat.InvokeResponse;
import dev.bedrockgateway.chat.TokenUsage;
import dev.bedrockgateway.tenant.AwsTarget;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * Sends providers' own bodies to Bedrock Runtime's InvokeModel and InvokeModelWithResponseStream with the
 * tenant's client: the SDK signs and sends them, and the bytes go both ways unchanged. Bedrock's
 * {@code X-Amzn-Bedrock-*} response headers are kept for the caller, and its token counts read from them.
 */
@Component
class BedrockInvokeBackend implements InvokeBackend {

    private static final String JSON = "application/json";
    private static final String HEADER_PREFIX = "x-amzn-bedrock-";

    private final TenantBedrockClients clients;
    private final Executor executor;
    private final BedrockObservations observations;

    BedrockInvokeBackend(
            TenantBedrockClients clients,
            @Qualifier("applicationTaskExecutor") Executor executor,
            BedrockObservations observations) {
        this.clients = clients;
        this.executor = executor;
        this.observations = observations;
    }

    @Override
    public InvokeResponse invoke(AwsTarget target, String bedrockModelId, InvokeRequest request) {
        TenantBedrockClients.TenantClient client;
        InvokeModelRequest sdkRequest;
        try {
            client = clients.of(target);
            sdkRequest = toSdk(bedrockModelId, request);
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
        return observations.observe("InvokeModel", bedrockModelId, () -> {
            InvokeModelResponse response =
                    FreshCredentials.send(target, client, c -> c.runtime().invokeModel(sdkRequest));
            Map<String, String> headers =
                    bedrockHeaders(response.sdkHttpResponse().headers());
            return new InvokeResponse(
                    response.body().asByteArrayUnsafe(),
                    response.contentType() == null ? JSON : response.contentType(),
                    headers,
                    usage(headers));
        });
    }

    @Override
    public ChatStream invokeStream(
            AwsTarget target, String bedrockModelId, InvokeRequest request, ChatStreamListener caller) {
        ChatStreamListener listener =
                observations.observeStream("InvokeModelWithResponseStream", bedrockModelId, caller);
        BedrockStreamCall<ResponseStream> call =
                new BedrockStreamCall<>(bedrockModelId, BedrockInvokeBackend::chunk, listener, executor);
        try {
            TenantBedrockClients.TenantClient client = clients.of(target);
            InvokeOptions options = request.options();
            InvokeModelWithResponseStreamRequest sdkRequest = InvokeModelWithResponseStreamRequest.builder()
                    .modelId(bedrockModelId)
                    .body(SdkBytes.fromByteArrayUnsafe(request.body()))
                    .contentType(orJson(options.contentType()))
                    .accept(orJson(options.accept()))
                    .trace(options.trace())
                    .guardrailIdentifier(options.guardrailIdentifier())
                    .guardrailVersion(options.guardrailVersion())
                    .performanceConfigLatency(options.performanceConfigLatency())
                    .serviceTier(options.serviceTier())
                    .build();
            InvokeModelWithResponseStreamResponseHandler handler =
                    InvokeModelWithResponseStreamResponseHandler.builder()
                            .onEventStream(publisher -> publisher.subscribe(call))
                            .onError(call::fail)
                            .build();
            call.started(client.streamRuntime().invokeModelWithResponseStream(sdkRequest, handler));
        } catch (RuntimeException e) {
            call.failedToStart(e);
        }
        return call;
    }

    @Override
    public int countTokens(AwsTarget target, String baseModelId, byte[] body) {
        TenantBedrockClients.TenantClient client;
        CountTokensRequest sdkRequest;
        try {
            client = clients.of(target);
            sdkRequest = CountTokensRequest.builder()
                    .modelId(baseModelId)
                    .input(CountTokensInput.fromInvokeModel(InvokeModelTokensRequest.builder()
                            .body(SdkBytes.fromByteArrayUnsafe(body))
                            .build()))
                    .build();
        } catch (RuntimeException e) {
            throw BedrockErrors.classify(e);
        }
        Integer tokens = observations.observe(
                "CountTokens",
                baseModelId,
                () -> FreshCredentials.send(
                        target, client, c -> c.runtime().countTokens(sdkRequest).inputTokens()));
        return tokens == null ? 0 : tokens;
    }

    private static InvokeModelRequest toSdk(String bedrockModelId, InvokeRequest request) {
        InvokeOptions options = request.options();
        return InvokeModelRequest.builder()
                .modelId(bedrockModelId)
                .body(SdkBytes.fromByteArrayUnsafe(request.body()))
                .contentType(orJson(options.contentType()))
                .accept(orJson(options.accept()))
                .trace(options.trace())
                .guardrailIdentifier(options.guardrailIdentifier())
                .guardrailVersion(options.guardrailVersion())
                .performanceConfigLatency(options.performanceConfigLatency())
                .serviceTier(options.serviceTier())
                .build();
    }

    /** A chunk as a core event; the stream's exception members arrive through the handler's onError instead. */
    private static ChatStreamEvent.@Nullable Chunk chunk(ResponseStream event) {
        return event instanceof PayloadPart part && part.bytes() != null
                ? new ChatStreamEvent.Chunk(part.bytes().asByteArrayUnsafe())
                : null;
    }

    private static String orJson(@Nullable String mediaType) {
        return mediaType == null || mediaType.isBlank() ? JSON : mediaType;
    }

    private static Map<String, String> bedrockHeaders(Map<String, List<String>> headers) {
        Map<String, String> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!values.isEmpty() && name.toLowerCase(Locale.ROOT).startsWith(HEADER_PREFIX)) {
                kept.put(name, values.get(0));
            }
        });
        return kept;
    }

    /**
     * Bedrock's own count of the call's tokens, or null where it sent none; an answer with input tokens only (an
     * embedding) generated none.
     */
    static @Nullable TokenUsage usage(Map<String, String> headers) {
        Integer input = count(headers, "X-Amzn-Bedrock-Input-Token-Count");
        if (input == null) {
            return null;
        }
        Integer counted = count(headers, "X-Amzn-Bedrock-Output-Token-Count");
        int output = counted == null ? 0 : counted;
        Integer read = count(headers, "X-Amzn-Bedrock-Cache-Read-Input-Token-Count");
        Integer write = count(headers, "X-Amzn-Bedrock-Cache-Write-Input-Token-Count");
        int total = input + output + (read == null ? 0 : read) + (write == null ? 0 : write);
        return new TokenUsage(
                input,
                output,
                total,
                read == null || read == 0 ? null : read,
                write == null || write == 0 ? null : write);
    }

    private static @Nullable Integer count(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
