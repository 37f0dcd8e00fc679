package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.CallerWatch;
import dev.bedrockgateway.api.ChatBodyStyle;
import dev.bedrockgateway.api.GatewayHeaders;
import dev.bedrockgateway.api.RandomIds;
import dev.bedrockgateway.api.StreamingResponses;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.chat.ChatService;
import dev.bedrockgateway.media.ImageSource;
import java.time.Clock;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-style request path shared by {@code /v1/chat/completions} and {@code /v1/chat}:
 * translate in, call the chat service, translate out.
 */
@Component
@Order(1)
class OpenAiChatHandler implements ChatBodyStyle {

    private final ChatService chatService;
    private final CallerWatch watch;
    private final StreamingResponses streaming;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final ImageSource images;

    OpenAiChatHandler(
            ChatService chatService,
            StreamingResponses streaming,
            JsonMapper jsonMapper,
            Clock clock,
            ImageSource images,
            CallerWatch watch) {
        this.chatService = chatService;
        this.watch = watch;
        this.images = images;
        this.streaming = streaming;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
    }

    @Override
    public String tag() {
        return "openai";
    }

    @Override
    public String discriminator() {
        return "model";
    }

    @Override
    public String name() {
        return "OpenAI style";
    }

    @Override
    public String describe() {
        return "an OpenAI-style body with model and messages[].content as a string or parts";
    }

    @Override
    public ResponseEntity<?> handle(ChatCall call, JsonNode body) {
        return handle(call, jsonMapper.treeToValue(body, OpenAiChatRequest.class));
    }

    /**
     * Handles one OpenAI-style request, streamed as server-sent events when it asks for {@code stream};
     * every error is thrown as a {@link dev.bedrockgateway.error.GatewayException}.
     */
    ResponseEntity<?> handle(ChatCall call, OpenAiChatRequest body) {
        ChatRequest request = OpenAiRequestTranslator.toChatRequest(body, images, jsonMapper);
        String id = "chatcmpl-" + RandomIds.uuid().replace("-", "");
        if (Boolean.TRUE.equals(body.stream())) {
            boolean includeUsage = body.streamOptions() != null
                    && Boolean.TRUE.equals(body.streamOptions().includeUsage());
            return streaming.stream(
                    call,
                    request,
                    new OpenAiStreamEncoder(
                            jsonMapper, id, clock.instant().getEpochSecond(), request.modelId(), includeUsage));
        }
        ChatResponse response = watch.during(call, () -> chatService.converse(call, request));
        return ResponseEntity.ok()
                .header(GatewayHeaders.BEDROCK_MODEL_ID, response.bedrockModelId())
                .body(OpenAiResponseTranslator.toCompletion(
                        response, request.modelId(), id, clock.instant().getEpochSecond()));
    }
}
