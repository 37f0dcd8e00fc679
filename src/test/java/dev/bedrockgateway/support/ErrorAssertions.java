package dev.bedrockgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Assertions for the gateway's error formats: OpenAI's on {@code /v1/*}, Anthropic's on {@code /v1/messages} and
 * AWS's on the Bedrock-wire paths. All also check that the body leaks no stack trace or Java class names.
 */
public final class ErrorAssertions {

    /** What real Bedrock appends to the exception name in {@code x-amzn-ErrorType}. */
    public static final String AWS_ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    private ErrorAssertions() {}

    /**
     * Asserts an OpenAI-style error: {@code {"error":{"message","type","param","code"}}} with all four keys,
     * a non-empty message, JSON content type and a request ID.
     *
     * @param param the expected {@code error.param}; null means it must be JSON null
     * @return the {@code error} object, for further checks of {@code message} and {@code code}
     */
    public static JsonNode assertOpenAiError(
            GatewayResponse response, int status, String type, @Nullable String param) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/json");
        assertThat(response.header("x-request-id")).as("x-request-id").isNotBlank();
        assertNoInternals(response);
        JsonNode body = response.json();
        assertThat(body.propertyNames())
                .as("top-level keys of %s", response.body())
                .containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(error.propertyNames())
                .as("error keys of %s", response.body())
                .containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.get("message").isString()).as("message is a string").isTrue();
        assertThat(error.get("message").stringValue()).as("message").isNotBlank();
        assertThat(error.get("type").stringValue()).as("type").isEqualTo(type);
        if (param == null) {
            assertThat(error.get("param").isNull())
                    .as("param is null in %s", response.body())
                    .isTrue();
        } else {
            assertThat(error.get("param").stringValue()).as("param").isEqualTo(param);
        }
        JsonNode code = error.get("code");
        assertThat(code.isNull() || code.isString())
                .as("code is null or a string")
                .isTrue();
        return error;
    }

    /**
     * Asserts an Anthropic-style error: {@code {"type":"error","error":{"type","message"}}} with nothing else, a
     * non-empty message, JSON content type and the {@code request-id} header Anthropic SDKs read.
     *
     * @return the message
     */
    public static String assertAnthropicError(GatewayResponse response, int status, String type) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/json");
        assertThat(response.header("request-id")).as("request-id").isNotBlank();
        assertNoInternals(response);
        JsonNode body = response.json();
        assertThat(body.propertyNames())
                .as("top-level keys of %s", response.body())
                .containsExactlyInAnyOrder("type", "error");
        assertThat(body.get("type").stringValue()).as("type").isEqualTo("error");
        JsonNode error = body.get("error");
        assertThat(error.propertyNames())
                .as("error keys of %s", response.body())
                .containsExactlyInAnyOrder("type", "message");
        assertThat(error.get("type").stringValue()).as("error.type").isEqualTo(type);
        assertThat(error.get("message").isString()).as("message is a string").isTrue();
        assertThat(error.get("message").stringValue()).as("message").isNotBlank();
        return error.get("message").stringValue();
    }

    /**
     * Asserts an AWS-style error: {@code x-amzn-ErrorType} naming the exception with Bedrock's namespace,
     * {@code x-amzn-RequestId}, and a body of just {@code {"message"}}.
     *
     * @return the message
     */
    public static String assertAwsError(GatewayResponse response, int status, String errorType) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.header("x-amzn-ErrorType"))
                .as("x-amzn-ErrorType")
                .isEqualTo(errorType + AWS_ERROR_TYPE_SUFFIX);
        assertThat(response.header("x-amzn-RequestId")).as("x-amzn-RequestId").isNotBlank();
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/json");
        assertNoInternals(response);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).as("keys of %s", response.body()).containsExactly("message");
        assertThat(body.get("message").isString()).as("message is a string").isTrue();
        assertThat(body.get("message").stringValue()).as("message").isNotBlank();
        return body.get("message").stringValue();
    }

    /** Asserts the body holds no stack trace and no Java package or class names. */
    public static void assertNoInternals(GatewayResponse response) {
        assertThat(response.body())
                .as("error body")
                .doesNotContain(
                        "dev.bedrockgateway",
                        "java.",
                        "tools.jackson",
                        "org.springframework",
                        "software.amazon",
                        "\tat ")
                .doesNotContainPattern("Exception:[^\\n]*\\n\\s*at ");
    }
}
