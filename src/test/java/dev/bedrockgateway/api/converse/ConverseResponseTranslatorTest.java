package dev.bedrockgateway.api.converse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bedrockgateway.chat.ChatResponse;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Core response to the Converse response body Bedrock itself would send. */
class ConverseResponseTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** As the application configures it (spring.jackson.default-property-inclusion: non_null). */
    private static final JsonMapper APP_JSON = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    static List<String> goldenCases() {
        return GoldenFiles.cases("converse", ".core-response.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void toBodyWhenGivenGoldenResponseThenWritesGoldenConverseBody(String name) {
        ChatResponse response =
                JSON.readValue(GoldenFiles.text("converse/" + name + ".core-response.json"), ChatResponse.class);

        ConverseResponseBody body = ConverseResponseTranslator.toBody(response);

        JsonNode expected = GoldenFiles.json("converse/" + name + ".converse-response.json");
        assertThat(JSON.readTree(JSON.writeValueAsString(body))).isEqualTo(expected);
        assertThat(JSON.readTree(APP_JSON.writeValueAsString(body))).isEqualTo(expected);
    }
}
