package dev.bedrockgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit checks for header handling and SigV4 credential-scope parsing. */
class RecordedRequestTest {

    @Test
    void signingScopeWhenTheRequestIsSigV4SignedThenKeyAndRegionAreParsed() {
        RecordedRequest request = withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/"
                + "bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc");

        assertThat(request.signingAccessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(request.signingRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void signingScopeWhenTheRequestUsesABearerTokenThenBothAreNull() {
        RecordedRequest request = withAuthorization("Bearer ABSK-key");

        assertThat(request.signingAccessKeyId()).isNull();
        assertThat(request.signingRegion()).isNull();
    }

    @Test
    void signingScopeWhenTheCredentialIsMalformedThenBothAreNull() {
        RecordedRequest request = withAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20250101, Signature=abc");

        assertThat(request.signingAccessKeyId()).isNull();
        assertThat(request.signingRegion()).isNull();
    }

    @Test
    void headersWhenNamesDifferOnlyInCaseThenTheyAreMergedUnderTheLowerCaseName() {
        RecordedRequest request =
                new RecordedRequest("POST", "/", null, null, Map.of("X-A", List.of("1"), "x-a", List.of("2")), null);

        assertThat(request.headers().get("x-a")).containsExactlyInAnyOrder("1", "2");
        assertThat(request.body()).isEmpty();
    }

    private static RecordedRequest withAuthorization(String value) {
        return new RecordedRequest(
                "POST", "/model/m/converse", "converse", "m", Map.of("Authorization", List.of(value)), "{}");
    }
}
