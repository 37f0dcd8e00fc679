package dev.bedrockgateway.chat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.List;

/**
 * Bedrock's documented limits on inline media, checked before the call so that a caller learns which
 * block is too big (413) instead of getting Bedrock's generic validation error after the upload.
 */
final class MediaLimits {

    static final int MAX_IMAGE_BYTES = 3_750_000;
    static final int MAX_IMAGES = 20;
    static final int MAX_DOCUMENT_BYTES = 4_500_000;
    static final int MAX_DOCUMENTS = 5;

    private MediaLimits() {}

    /** Throws a {@link GatewayException} naming the first block that breaks a limit. */
    static void check(ChatRequest request) {
        int images = 0;
        int documents = 0;
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<ContentBlock> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                ContentBlock block = content.get(j);
                String field = "messages[" + i + "].content[" + j + "]";
                if (block.image() != null) {
                    images++;
                    checkSize(block.image().source(), MAX_IMAGE_BYTES, field, "image");
                }
                if (block.document() != null) {
                    documents++;
                    checkSize(block.document().source(), MAX_DOCUMENT_BYTES, field, "document");
                }
                if ((block.image() != null || block.document() != null)
                        && messages.get(i).role() != Role.USER) {
                    throw GatewayException.invalid(
                            field, field + ": images and documents are only allowed in user messages");
                }
            }
        }
        if (images > MAX_IMAGES) {
            throw new GatewayException(
                    ErrorKind.PAYLOAD_TOO_LARGE,
                    "The request has " + images + " images; Bedrock accepts at most " + MAX_IMAGES,
                    "messages",
                    null);
        }
        if (documents > MAX_DOCUMENTS) {
            throw new GatewayException(
                    ErrorKind.PAYLOAD_TOO_LARGE,
                    "The request has " + documents + " documents; Bedrock accepts at most " + MAX_DOCUMENTS,
                    "messages",
                    null);
        }
    }

    private static void checkSize(MediaSource source, int limit, String field, String kind) {
        byte[] bytes = source.bytes();
        if (bytes != null && bytes.length > limit) {
            throw new GatewayException(
                    ErrorKind.PAYLOAD_TOO_LARGE,
                    field + ": the " + kind + " is " + bytes.length + " bytes; Bedrock accepts at most " + limit
                            + " bytes per " + kind,
                    field,
                    null);
        }
    }
}
