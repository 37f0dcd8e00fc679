package dev.bedrockgateway.bedrock;

import dev.bedrockgateway.chat.CachePoint;
import dev.bedrockgateway.chat.ContentBlock;
import dev.bedrockgateway.chat.DocumentBlock;
import dev.bedrockgateway.chat.ImageBlock;
import dev.bedrockgateway.chat.MediaSource;
import dev.bedrockgateway.chat.ReasoningBlock;
import dev.bedrockgateway.chat.ToolResultBlock;
import dev.bedrockgateway.chat.ToolUseBlock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.S3Location;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;

/**
 * Maps content blocks between the core and the SDK, both ways; pure. Block kinds the core does not carry
 * (video, citations, ...) map to null on the way back and are dropped by the caller.
 */
final class ContentBlockMapper {

    private ContentBlockMapper() {}

    static software.amazon.awssdk.services.bedrockruntime.model.ContentBlock toSdk(ContentBlock block) {
        var builder = software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.builder();
        if (block.text() != null) {
            builder.text(block.text());
        } else if (block.image() != null) {
            builder.image(image(block.image()));
        } else if (block.document() != null) {
            builder.document(document(block.document()));
        } else if (block.toolUse() != null) {
            ToolUseBlock toolUse = block.toolUse();
            builder.toolUse(b ->
                    b.toolUseId(toolUse.toolUseId()).name(toolUse.name()).input(Documents.toDocument(toolUse.input())));
        } else if (block.toolResult() != null) {
            builder.toolResult(toolResult(block.toolResult()));
        } else if (block.reasoningContent() != null) {
            builder.reasoningContent(reasoning(block.reasoningContent()));
        } else if (block.cachePoint() != null) {
            builder.cachePoint(cachePoint(block.cachePoint()));
        }
        return builder.build();
    }

    static CachePointBlock cachePoint(CachePoint cachePoint) {
        return CachePointBlock.builder()
                .type(cachePoint.type())
                .ttl(cachePoint.ttl())
                .build();
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.ImageBlock image(ImageBlock image) {
        MediaSource source = image.source();
        return software.amazon.awssdk.services.bedrockruntime.model.ImageBlock.builder()
                .format(image.format())
                .source(ImageSource.builder()
                        .bytes(bytes(source.bytes()))
                        .s3Location(s3(source.s3Location()))
                        .build())
                .build();
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock document(DocumentBlock document) {
        MediaSource source = document.source();
        return software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock.builder()
                .format(document.format())
                .name(document.name())
                .source(DocumentSource.builder()
                        .bytes(bytes(source.bytes()))
                        .s3Location(s3(source.s3Location()))
                        .build())
                .build();
    }

    private static software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock toolResult(
            ToolResultBlock result) {
        List<ToolResultContentBlock> content = result.content().stream()
                .map(part -> {
                    var builder = ToolResultContentBlock.builder();
                    if (part.text() != null) {
                        builder.text(part.text());
                    } else if (part.json() != null) {
                        builder.json(Documents.toDocument(part.json()));
                    } else if (part.image() != null) {
                        builder.image(image(part.image()));
                    } else if (part.document() != null) {
                        builder.document(document(part.document()));
                    }
                    return builder.build();
                })
                .toList();
        return software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock.builder()
                .toolUseId(result.toolUseId())
                .content(content)
                .status(result.status())
                .build();
    }

    private static ReasoningContentBlock reasoning(ReasoningBlock reasoning) {
        ReasoningBlock.ReasoningText text = reasoning.reasoningText();
        return ReasoningContentBlock.builder()
                .reasoningText(
                        text == null
                                ? null
                                : ReasoningTextBlock.builder()
                                        .text(text.text())
                                        .signature(text.signature())
                                        .build())
                .redactedContent(bytes(reasoning.redactedContent()))
                .build();
    }

    private static @Nullable SdkBytes bytes(byte @Nullable [] bytes) {
        return bytes == null ? null : SdkBytes.fromByteArrayUnsafe(bytes);
    }

    private static @Nullable S3Location s3(MediaSource.@Nullable S3Location location) {
        return location == null
                ? null
                : S3Location.builder()
                        .uri(location.uri())
                        .bucketOwner(location.bucketOwner())
                        .build();
    }

    /** The core block for an SDK block, or null for a kind the core does not carry. */
    static @Nullable ContentBlock fromSdk(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock block) {
        if (block.text() != null) {
            return ContentBlock.text(block.text());
        }
        if (block.toolUse() != null) {
            var toolUse = block.toolUse();
            return ContentBlock.toolUse(new ToolUseBlock(
                    toolUse.toolUseId(),
                    toolUse.name(),
                    toolUse.input() == null ? Documents.emptyObject() : Documents.toJson(toolUse.input())));
        }
        if (block.reasoningContent() != null) {
            ReasoningContentBlock reasoning = block.reasoningContent();
            ReasoningTextBlock text = reasoning.reasoningText();
            return ContentBlock.reasoning(new ReasoningBlock(
                    text == null
                            ? null
                            : new ReasoningBlock.ReasoningText(
                                    Objects.requireNonNullElse(text.text(), ""), text.signature()),
                    reasoning.redactedContent() == null
                            ? null
                            : reasoning.redactedContent().asByteArray()));
        }
        if (block.image() != null) {
            return ContentBlock.image(image(block.image()));
        }
        if (block.document() != null) {
            return ContentBlock.document(document(block.document()));
        }
        if (block.toolResult() != null) {
            return ContentBlock.toolResult(toolResult(block.toolResult()));
        }
        if (block.cachePoint() != null) {
            return ContentBlock.checkpoint();
        }
        return null;
    }

    private static ImageBlock image(software.amazon.awssdk.services.bedrockruntime.model.ImageBlock image) {
        ImageSource source = image.source();
        return new ImageBlock(
                image.formatAsString(),
                source(source == null ? null : source.bytes(), source == null ? null : source.s3Location()));
    }

    private static DocumentBlock document(software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock document) {
        DocumentSource source = document.source();
        return new DocumentBlock(
                document.formatAsString(),
                document.name(),
                source(source == null ? null : source.bytes(), source == null ? null : source.s3Location()));
    }

    private static MediaSource source(@Nullable SdkBytes bytes, @Nullable S3Location s3) {
        return new MediaSource(
                bytes == null ? null : bytes.asByteArray(),
                s3 == null ? null : new MediaSource.S3Location(s3.uri(), s3.bucketOwner()));
    }

    private static ToolResultBlock toolResult(
            software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock result) {
        List<ToolResultBlock.Content> content = result.content().stream()
                .map(part -> new ToolResultBlock.Content(
                        part.text(),
                        part.json() == null ? null : Documents.toJson(part.json()),
                        part.image() == null ? null : image(part.image()),
                        part.document() == null ? null : document(part.document())))
                .toList();
        return new ToolResultBlock(result.toolUseId(), content, result.statusAsString());
    }
}
