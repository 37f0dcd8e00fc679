package dev.bedrockgateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ImageBlock;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Base64 image data URLs to image blocks. */
class DataUrlsTest {

    private static final String FIELD = "messages[0].content[0].image_url.url";
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");
    private static final String PNG_BASE64 = Base64.getEncoder().encodeToString(PNG);

    private static GatewayException refusal(String url) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> DataUrls.image(url, FIELD));
        assertThat(error).as(url).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(FIELD);
        return error;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            data:image/png;base64,AA==   | true
            DATA:image/png;base64,AA==   | true
            Data:text/plain,hi           | true
            https://example.com/cat.png  | false
            dat                          | false
            ` data:image/png;base64,AA==`| false
            """)
    void isDataUrlWhenGivenAUrlThenOnlyTheDataSchemeCountsIgnoringCase(String url, boolean expected) {
        assertThat(DataUrls.isDataUrl(url)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "image/png, png",
        "image/jpeg, jpeg",
        "image/jpg, jpeg",
        "image/gif, gif",
        "image/webp, webp",
        "IMAGE/PNG, png",
        "Image/Jpeg, jpeg"
    })
    void imageWhenTheMediaTypeIsOneBedrockTakesThenTheBlockHasItsFormatAndTheExactBytes(
            String mediaType, String format) {
        ImageBlock image = DataUrls.image("data:" + mediaType + ";base64," + PNG_BASE64, FIELD);

        assertThat(image.format()).isEqualTo(format);
        assertThat(image.source().bytes()).isEqualTo(PNG);
        assertThat(image.source().s3Location()).isNull();
    }

    @Test
    void imageWhenTheBase64IsWrappedOnSeveralLinesThenItIsDecodedWhole() {
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }

        ImageBlock image = DataUrls.image(
                "data:image/jpeg;base64," + Base64.getMimeEncoder().encodeToString(bytes), FIELD);

        assertThat(image.source().bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"data:image/png,rawbytes", "data:image/png;base64", "data:image/png;charset=utf-8,AA==", "data:"
            })
    void imageWhenTheUrlIsNotABase64DataUrlThenRefusesWithAnExample(String url) {
        assertThat(refusal(url).getMessage())
                .isEqualTo(FIELD + " must be a base64 data URL such as data:image/png;base64,...");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"image/svg+xml", "image/tiff", "application/pdf", "text/plain", ""})
    void imageWhenTheMediaTypeIsNotAnImageBedrockTakesThenRefusesNamingItAndTheAcceptedOnes(String mediaType) {
        assertThat(refusal("data:" + mediaType + ";base64," + PNG_BASE64).getMessage())
                .isEqualTo(FIELD + " has media type '" + mediaType
                        + "'; Bedrock takes image/png, image/jpeg, image/gif or image/webp");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iVBORw0KG", "AA=A", "QQ==QQ=="})
    void imageWhenTheBase64IsMalformedThenRefusesIt(String data) {
        assertThat(refusal("data:image/png;base64," + data).getMessage())
                .isEqualTo(FIELD + " does not hold valid base64 data");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iVBORw0KGgo-_-_", "iVBORw0KGgoA%20", "%%%%", ""})
    void imageWhenTheDataHasCharactersOutsideBase64OrIsEmptyThenRefusesInsteadOfSendingOtherBytes(String data) {
        assertThat(refusal("data:image/png;base64," + data).getMessage())
                .isEqualTo(FIELD + " does not hold valid base64 data");
    }
}
