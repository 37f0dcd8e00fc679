package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ErrorKind;
import dev.bedrockgateway.chat.GatewayException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Which model ID Bedrock receives for the name a caller wrote, and which names are refused. */
class ModelRoutingServiceTest {

    private final ModelRoutingService routing = new ModelRoutingService(
            new ModelCatalog(tools.jackson.databind.json.JsonMapper.builder().build()),
            new RoutingProperties("none", java.util.Map.of(), java.util.Map.of(),
                    new RoutingProperties.Discovery(false, java.time.Duration.ofHours(6))));

    private String resolve(String requested) {
        return routing.route(requested, RoutingContext.forRegion("us-east-1")).bedrockModelId();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            amazon.nova-lite-v1:0                                                               | amazon.nova-lite-v1:0
            bedrock/amazon.nova-lite-v1:0                                                       | amazon.nova-lite-v1:0
            us.anthropic.claude-3-5-haiku-20241022-v1:0                                         | us.anthropic.claude-3-5-haiku-20241022-v1:0
            bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0                                 | us.anthropic.claude-3-5-haiku-20241022-v1:0
            eu.amazon.nova-pro-v1:0                                                             | eu.amazon.nova-pro-v1:0
            apac.amazon.nova-micro-v1:0                                                         | apac.amazon.nova-micro-v1:0
            global.anthropic.claude-sonnet-4-5-20250929-v1:0                                    | global.anthropic.claude-sonnet-4-5-20250929-v1:0
            us-gov.anthropic.claude-3-haiku-20240307-v1:0                                       | us-gov.anthropic.claude-3-haiku-20240307-v1:0
            anthropic.claude-3-haiku-20240307-v1:0:200k                                         | anthropic.claude-3-haiku-20240307-v1:0:200k
            arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0                   | arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0
            arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0   | arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0
            arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5     | arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5
            bedrock/arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123             | arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123
            arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:custom-model/x/y                  | arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:custom-model/x/y
            bedrock/bedrock/amazon.nova-lite-v1:0                                               | bedrock/amazon.nova-lite-v1:0
            Bedrock/amazon.nova-lite-v1:0                                                       | Bedrock/amazon.nova-lite-v1:0
            amazon.nova-lite-v1:0/bedrock/                                                      | amazon.nova-lite-v1:0/bedrock/
            unknown.model-that-bedrock-decides-about                                            | unknown.model-that-bedrock-decides-about
            """)
    void resolveWhenTheNameIsWellFormedThenStripsOneBedrockPrefixAndKeepsTheRest(String requested, String expected) {
        assertThat(resolve(requested)).isEqualTo(expected);
    }

    static Stream<Arguments> invalidNames() {
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("blank", "   "),
                Arguments.of("tab only", "\t"),
                Arguments.of("bedrock/ alone", "bedrock/"),
                Arguments.of("space inside", "amazon.nova lite-v1:0"),
                Arguments.of("leading space", " amazon.nova-lite-v1:0"),
                Arguments.of("trailing newline", "amazon.nova-lite-v1:0\n"),
                Arguments.of("space after prefix", "bedrock/ amazon.nova-lite-v1:0"),
                Arguments.of("tab inside", "amazon.nova\t-lite-v1:0"),
                Arguments.of("NUL", "amazon.nova-lite-v1:0\u0000"),
                Arguments.of("escape", "amazon.\u001bnova-lite-v1:0"),
                Arguments.of("DEL", "amazon.nova-lite-v1:0\u007f"),
                Arguments.of("C1 control", "amazon.nova\u0085-lite-v1:0"),
                Arguments.of("2049 chars", "m".repeat(2049)),
                Arguments.of("prefix + 2049 chars", "bedrock/" + "m".repeat(2049)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNames")
    void resolveWhenTheNameIsMissingOrMalformedThenRefusesWithParamModel(String name, String requested) {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> resolve(requested));

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.kind().status()).isEqualTo(400);
        assertThat(error.param()).isEqualTo("model");
        assertThat(error.getMessage()).isNotBlank();
    }

    @Test
    void resolveWhenTheNameIsExactly2048CharactersThenAcceptsIt() {
        String id = "m".repeat(2048);

        assertThat(resolve(id)).isEqualTo(id);
        assertThat(resolve("bedrock/" + id)).isEqualTo(id);
    }

    @Test
    void resolveWhenTheNameIsTooLongThenTheMessageGivesBothLengths() {
        GatewayException error = catchThrowableOfType(GatewayException.class,
                () -> resolve("m".repeat(2049)));

        assertThat(error.getMessage()).isEqualTo("model is 2049 characters long; Bedrock accepts at most 2048");
    }

    @Test
    void resolveWhenOnlyThePrefixIsGivenThenTheMessageShowsTheExpectedForm() {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> resolve("bedrock/"));

        assertThat(error.getMessage()).contains("bedrock/<model ID>");
    }
}
