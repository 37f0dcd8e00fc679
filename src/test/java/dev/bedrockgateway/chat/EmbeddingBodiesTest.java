package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.routing.EmbeddingSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class EmbeddingBodiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddingSpec spec(String model) {
        return ChatFixtures.catalog().capabilities(model).embedding();
    }

    /** Columns: model | purpose | dimensions | the body Bedrock receives for the inputs "a" and "b". */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            amazon.titan-embed-text-v2:0 |              | 256  | `{"inputText":"a","dimensions":256,"normalize":true}`
            cohere.embed-english-v3      |              | 1024 | `{"texts":["a","b"],"input_type":"search_document","embedding_types":["float"]}`
            cohere.embed-v4:0            | search_query | 512  | `{"texts":["a","b"],"input_type":"search_query","embedding_types":["float"],"output_dimension":512}`
            amazon.nova-2-multimodal-embeddings-v1:0 | search_query | 1024 | `{"taskType":"SINGLE_EMBEDDING","singleEmbeddingParams":{"embeddingPurpose":"TEXT_RETRIEVAL","embeddingDimension":1024,"text":{"truncationMode":"END","value":"a"}}}`
            """)
    void eachFamilyGetsItsOwnBody(String model, @Nullable String purpose, int dimensions, String body) {
        EmbeddingSpec spec = spec(model);
        List<String> inputs = spec.maxInputs() == 1 ? List.of("a") : List.of("a", "b");

        assertThat(new String(EmbeddingBodies.body(JSON, spec, inputs, dimensions, purpose), StandardCharsets.UTF_8))
                .isEqualTo(body);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            amazon.titan-embed-text-v2:0 | 1 | `{"embedding":[0.5,-0.25],"inputTextTokenCount":3}`
            cohere.embed-english-v3      | 2 | `{"embeddings":{"float":[[0.5,-0.25],[1,0]]},"id":"x"}`
            cohere.embed-english-v3      | 2 | `{"embeddings":[[0.5,-0.25],[1,0]]}`
            amazon.nova-2-multimodal-embeddings-v1:0 | 1 | `{"embeddings":[{"embeddingType":"TEXT","embedding":[0.5,-0.25]}]}`
            """)
    void theVectorsAreReadFromEachFamilysAnswer(String model, int count, String answer) {
        List<float[]> vectors =
                EmbeddingBodies.vectors(JSON, spec(model), answer.getBytes(StandardCharsets.UTF_8), count);

        assertThat(vectors).hasSize(count);
        assertThat(vectors.get(0)).containsExactly(0.5f, -0.25f);
    }

    @Test
    void anAnswerWithAnotherNumberOfVectorsIsAnUpstreamError() {
        GatewayException error = catchThrowableOfType(
                GatewayException.class,
                () -> EmbeddingBodies.vectors(
                        JSON,
                        spec("cohere.embed-english-v3"),
                        "{\"embeddings\":[[1]]}".getBytes(StandardCharsets.UTF_8),
                        2));

        assertThat(error.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(error.getMessage()).contains("holds 1 vectors for 2 inputs");
    }
}
