package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.GatewayException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceTierChoiceTest {

    /** Columns: tier asked | tenant default | model | tier sent (empty: none). */
    @ParameterizedTest(name = "[{index}] asked {0}, tenant {1}, {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            priority |        | openai.gpt-oss-120b-1:0                       | priority
            default  |        | us.anthropic.claude-sonnet-4-6                | default
                     | flex   | openai.gpt-oss-120b-1:0                       | flex
                     | flex   | us.anthropic.claude-sonnet-4-6                |
            priority | flex   | us.amazon.nova-pro-v1:0                       | priority
            flex     |        | arn:aws:bedrock:us-east-1:1:application-inference-profile/x | flex
                     |        | openai.gpt-oss-120b-1:0                       |
            """)
    void theCallersTierWinsAndTheTenantsDefaultAppliesWhereTheModelOffersIt(
            @Nullable String asked, @Nullable String tenantDefault, String model, @Nullable String sent) {
        assertThat(ServiceTierChoice.of(
                        asked, tenantDefault, model, ChatFixtures.catalog().capabilities(model)))
                .isEqualTo(sent);
    }

    @ParameterizedTest(name = "[{index}] {0} to {1}")
    @CsvSource(delimiter = '|', textBlock = """
            flex     | us.anthropic.claude-sonnet-4-6 | is served at the service tiers [default], not 'flex'
            gold     | openai.gpt-oss-120b-1:0        | service_tier 'gold' is not one of [priority, default, flex, reserved]
            """)
    void aTierTheModelLacksOrBedrockDoesNotKnowIsRefusedByName(String asked, String model, String words) {
        GatewayException error = catchThrowableOfType(
                GatewayException.class,
                () -> ServiceTierChoice.of(
                        asked, null, model, ChatFixtures.catalog().capabilities(model)));

        assertThat(error).isNotNull();
        assertThat(error.param()).isEqualTo("service_tier");
        assertThat(error.getMessage()).contains(words);
    }
}
