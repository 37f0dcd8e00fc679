package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InvokeEstimateTest {

    private static InvokeEstimate.Tokens of(String json) {
        return InvokeEstimate.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsAQuarterTokenPerCharacterOfEveryStringAndReadsAnthropicsOutputLimit() {
        InvokeEstimate.Tokens tokens = of("""
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":300,
                 "system":"12345678","messages":[{"role":"user","content":"abcdefgh"}]}""");

        // "12345678" + "user" + "abcdefgh" = 20 characters; the version string is not prompt.
        assertThat(tokens.inputTokens()).isEqualTo(5);
        assertThat(tokens.maxTokens()).isEqualTo(300);
        assertThat(tokens.total(4096)).isEqualTo(305);
    }

    @Test
    void countsEachBase64ImageAsAFixedAmountNotByItsLength() {
        String image = "A".repeat(400_000);
        InvokeEstimate.Tokens tokens = of("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                + "\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + image + "\"}}]}]}");

        assertThat(tokens.inputTokens()).isBetween(TokenEstimate.MEDIA_TOKENS, TokenEstimate.MEDIA_TOKENS + 20);
    }

    @Test
    void leavesThinkingSignaturesOutOfTheCount() {
        InvokeEstimate.Tokens withSignature = of("""
                {"messages":[{"role":"assistant","content":[{"type":"thinking","thinking":"abcd",
                "signature":"%s"}]}]}""".formatted("S".repeat(4_000)));

        assertThat(withSignature.inputTokens()).isLessThan(10);
    }

    @Test
    void readsTheOutputLimitUnderOtherProvidersNames() {
        assertThat(of("{\"inferenceConfig\":{\"maxTokens\":77}}").maxTokens()).isEqualTo(77);
        assertThat(of("{\"prompt\":\"x\",\"max_gen_len\":12}").maxTokens()).isEqualTo(12);
        assertThat(of("{\"textGenerationConfig\":{\"maxTokenCount\":9}}").maxTokens())
                .isEqualTo(9);
    }

    @Test
    void assumesTheDefaultOutputLimitWhenTheBodySetsNone() {
        InvokeEstimate.Tokens tokens = of("{\"prompt\":\"abcd\"}");

        assertThat(tokens.maxTokens()).isNegative();
        assertThat(tokens.total(4096)).isEqualTo(4097);
    }

    @Test
    void countsABodyThatIsNotJsonByItsBytes() {
        InvokeEstimate.Tokens tokens = of("not json at all, 32 bytes long!!");

        assertThat(tokens.inputTokens()).isEqualTo(8);
        assertThat(tokens.total(100)).isEqualTo(108);
    }
}
