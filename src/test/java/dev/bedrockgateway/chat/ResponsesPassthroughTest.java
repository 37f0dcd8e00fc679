package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesPassthroughTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "openai.gpt-5.5, openai.gpt-5.5",
        "openai.gpt-oss-120b-1:0, openai.gpt-oss-120b",
        "us.openai.gpt-oss-20b-1:0, openai.gpt-oss-20b",
        "global.vendor.model-v2:0, vendor.model"
    })
    void bedrocksResponsesEndpointNamesModelsWithoutGeographyOrVersion(String bedrockModelId, String name) {
        assertThat(ResponsesPassthrough.endpointModel(bedrockModelId)).isEqualTo(name);
    }
}
