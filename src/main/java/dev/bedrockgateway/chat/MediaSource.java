package dev.bedrockgateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Where an image or document comes from, a union as in Converse: inline bytes (base64 in JSON) or an
 * S3 object that Bedrock reads itself.
 *
 * @param bytes the content
 * @param s3Location the S3 object
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaSource(byte @Nullable [] bytes, @Nullable S3Location s3Location) {

    /** Inline content. */
    public static MediaSource bytes(byte[] bytes) {
        return new MediaSource(bytes, null);
    }

    /**
     * An S3 object.
     *
     * @param uri {@code s3://bucket/key}
     * @param bucketOwner the bucket owner's account ID, if it is another account
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3Location(String uri, @Nullable String bucketOwner) {}
}
