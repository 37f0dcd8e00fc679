package dev.bedrockgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unit checks for raw-path routing and percent-decoding of model ids. */
class ModelPathTest {

    @Test
    void parseWhenTheIdIsAnEncodedArnThenItStaysOneSegmentAndIsDecoded() {
        ModelPath path = ModelPath.parse(
                "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse");

        assertThat(path)
                .isEqualTo(new ModelPath(
                        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123", "converse"));
    }

    @Test
    void percentDecodeThenPlusStaysPlusAndMultiByteUtf8IsDecoded() {
        assertThat(ModelPath.percentDecode("a+b%20c")).isEqualTo("a+b c");
        assertThat(ModelPath.percentDecode("caf%C3%A9")).isEqualTo("café");
    }

    @Test
    void percentDecodeWhenAnEscapeIsMalformedThenItIsKeptLiterally() {
        assertThat(ModelPath.percentDecode("50%")).isEqualTo("50%");
        assertThat(ModelPath.percentDecode("%zz%4")).isEqualTo("%zz%4");
    }

    @Test
    void parseWhenThePathIsNotAModelPathThenItIsNull() {
        assertThat(ModelPath.parse("/model/x")).isNull();
        assertThat(ModelPath.parse("/model//converse")).isNull();
        assertThat(ModelPath.parse("/models/x/converse")).isNull();
        assertThat(ModelPath.parse("/model/a/b/converse")).isNull();
    }
}
