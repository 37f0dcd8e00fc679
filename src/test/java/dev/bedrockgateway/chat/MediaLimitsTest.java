package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bedrock's inline media limits, checked before the call so the caller learns which block is too big. */
class MediaLimitsTest {

    private static ContentBlock image(int bytes) {
        return ContentBlock.image(new ImageBlock("png", MediaSource.bytes(new byte[bytes])));
    }

    private static ContentBlock document(int bytes) {
        return ContentBlock.document(new DocumentBlock("pdf", "report", MediaSource.bytes(new byte[bytes])));
    }

    private static ChatRequest request(Message... messages) {
        return new ChatRequest("m", List.of(messages), List.of(), null, null, null, List.of(), Map.of(), null, null);
    }

    private static Message user(List<ContentBlock> blocks) {
        List<ContentBlock> content = new ArrayList<>(blocks);
        content.add(ContentBlock.text("Describe these."));
        return new Message(Role.USER, content);
    }

    private static GatewayException refusal(ChatRequest request) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> MediaLimits.check(request));
        assertThat(error).isNotNull();
        return error;
    }

    @Test
    void checkWhenAnImageIsOverTheLimitThen413NamesTheBlockAndTheLimit() {
        ChatRequest request = request(
                user(List.of(image(10))),
                new Message(Role.ASSISTANT, List.of(ContentBlock.text("Nice."))),
                user(List.of(image(10), image(3_750_001))));

        GatewayException error = refusal(request);

        assertThat(error.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(error.param()).isEqualTo("messages[2].content[1]");
        assertThat(error.getMessage())
                .isEqualTo("messages[2].content[1]: the image is 3750001 bytes; "
                        + "Bedrock accepts at most 3750000 bytes per image");
    }

    @Test
    void checkWhenADocumentIsOverTheLimitThen413NamesTheBlockAndTheLimit() {
        GatewayException error = refusal(request(user(List.of(document(4_500_001)))));

        assertThat(error.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(error.param()).isEqualTo("messages[0].content[0]");
        assertThat(error.getMessage())
                .isEqualTo("messages[0].content[0]: the document is 4500001 bytes; "
                        + "Bedrock accepts at most 4500000 bytes per document");
    }

    @Test
    void checkWhenTheRequestHas21ImagesAcrossTurnsThen413SaysHowManyAndTheLimit() {
        ChatRequest request = request(
                user(Collections.nCopies(10, image(1))),
                new Message(Role.ASSISTANT, List.of(ContentBlock.text("And?"))),
                user(Collections.nCopies(11, image(1))));

        GatewayException error = refusal(request);

        assertThat(error.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(error.param()).isEqualTo("messages");
        assertThat(error.getMessage()).isEqualTo("The request has 21 images; Bedrock accepts at most 20");
    }

    @Test
    void checkWhenTheRequestHas6DocumentsThen413SaysHowManyAndTheLimit() {
        GatewayException error = refusal(request(user(Collections.nCopies(6, document(1)))));

        assertThat(error.kind()).isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(error.param()).isEqualTo("messages");
        assertThat(error.getMessage()).isEqualTo("The request has 6 documents; Bedrock accepts at most 5");
    }

    @Test
    void checkWhenImagesAreOnS3ThenTheyStillCountTowardsTheLimit() {
        ContentBlock onS3 = ContentBlock.image(
                new ImageBlock("png", new MediaSource(null, new MediaSource.S3Location("s3://bucket/cat.png", null))));

        GatewayException error = refusal(request(user(Collections.nCopies(21, onS3))));

        assertThat(error.getMessage()).isEqualTo("The request has 21 images; Bedrock accepts at most 20");
    }

    @Test
    void checkWhenAnAssistantTurnHoldsAnImageThen400NamesTheBlock() {
        ChatRequest request =
                request(user(List.of()), new Message(Role.ASSISTANT, List.of(ContentBlock.text("Here:"), image(10))));

        GatewayException error = refusal(request);

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo("messages[1].content[1]");
        assertThat(error.getMessage())
                .isEqualTo("messages[1].content[1]: images and documents are only allowed in user messages");
    }

    @Test
    void checkWhenAnAssistantTurnHoldsADocumentThen400NamesTheBlock() {
        ChatRequest request = request(user(List.of()), new Message(Role.ASSISTANT, List.of(document(10))));

        assertThat(refusal(request).param()).isEqualTo("messages[1].content[0]");
    }

    @Test
    void checkWhenEveryLimitIsReachedExactlyThenTheRequestPasses() {
        List<ContentBlock> blocks = new ArrayList<>(Collections.nCopies(19, image(1)));
        blocks.add(image(3_750_000));
        blocks.addAll(Collections.nCopies(4, document(1)));
        blocks.add(document(4_500_000));

        assertThatNoException().isThrownBy(() -> MediaLimits.check(request(user(blocks))));
    }

    @Test
    void checkWhenThereIsNoMediaThenTheRequestPasses() {
        assertThatNoException().isThrownBy(() -> MediaLimits.check(request(user(List.of()))));
    }
}
