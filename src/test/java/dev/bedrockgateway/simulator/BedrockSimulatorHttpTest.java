package dev.bedrockgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks wire details the AWS SDK would never send or would hide, using a plain JDK HTTP client. */
@ExtendWith(SimulatorExtension.class)
class BedrockSimulatorHttpTest {

    private static final String CONVERSE_PATH = "/model/amazon.nova-lite-v1%3A0/converse";
    private static final String ERROR_NAMESPACE = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    /** One client for the class: each JDK client keeps a selector thread until it is collected. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();
    private final BedrockSimulator simulator;

    BedrockSimulatorHttpTest(BedrockSimulator simulator) {
        this.simulator = simulator;
    }

    @Test
    void startThenTheEndpointIsALoopbackHttpUri() {
        assertThat(simulator.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(simulator.endpoint().getPort()).isPositive();
    }

    @Test
    void lastReceivedWhenNothingArrivedThenItThrows() {
        assertThatThrownBy(simulator::lastReceived).isInstanceOf(IllegalStateException.class);
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void postWhenTheBodyHasAnUnknownTopLevelKeyThenValidationRejectsIt() throws Exception {
        HttpResponse<String> response = post(
                CONVERSE_PATH,
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}],\"temperature\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException" + ERROR_NAMESPACE);
        assertThat(message(response)).contains("extraneous key [temperature] is not permitted");
    }

    @Test
    void postWhenTheBodyIsNotJsonThenValidationRejectsIt() throws Exception {
        HttpResponse<String> response = post(CONVERSE_PATH, "not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).startsWith("Malformed input request");
        assertThat(simulator.lastReceived().body()).isEqualTo("not json");
    }

    @Test
    void postWhenMessagesAreMissingOrEmptyThenValidationRejectsIt() throws Exception {
        assertThat(message(post(CONVERSE_PATH, "{}"))).contains("'messages'").contains("must not be null");
        assertThat(message(post(CONVERSE_PATH, "{\"messages\":[]}"))).contains("'messages'");
    }

    @Test
    void postWhenARoleIsUnknownThenValidationRejectsIt() throws Exception {
        HttpResponse<String> response =
                post(CONVERSE_PATH, "{\"messages\":[{\"role\":\"system\",\"content\":[{\"text\":\"hi\"}]}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).contains("[user, assistant]");
    }

    @Test
    void postWhenAContentBlockHasNoKnownMemberOrTwoMembersThenValidationRejectsIt() throws Exception {
        String none = message(post(CONVERSE_PATH, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"foo\":1}]}]}"));
        String two = message(
                post(
                        CONVERSE_PATH,
                        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\",\"cachePoint\":{\"type\":\"default\"}}]}]}"));

        assertThat(none).contains("messages.0.content.0").contains("must set one of the following keys");
        assertThat(two).contains("messages.0.content.0").contains("Only one of the following keys");
    }

    @Test
    void postToAnUnknownOperationThenTheSimulatorAnswersUnknownOperationAndRecordsIt() throws Exception {
        HttpResponse<String> response = post("/model/amazon.nova-lite-v1%3A0/invoke-with-bidirectional-stream", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType"))
                .hasValue("UnknownOperationException" + ERROR_NAMESPACE);
        assertThat(simulator.lastReceived().operation()).isEqualTo("invoke-with-bidirectional-stream");
        assertThat(simulator.lastReceived().operationName()).isNull();
        assertThat(simulator.lastReceived().modelId()).isEqualTo("amazon.nova-lite-v1:0");
    }

    @Test
    void postToAPathOutsideModelThenTheSimulatorAnswersNotFound() throws Exception {
        HttpResponse<String> response = post("/guardrail/x/version/1/apply", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(simulator.lastReceived().operation()).isNull();
        assertThat(simulator.lastReceived().modelId()).isNull();
    }

    @Test
    void getOnConverseThenTheSimulatorAnswersMethodNotAllowed() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri(CONVERSE_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).isPresent();
        assertThat(simulator.lastReceived().method()).isEqualTo("GET");
    }

    @Test
    void everyResponseThenCarriesARequestIdAndJsonContentType() throws Exception {
        HttpResponse<String> ok =
                post(CONVERSE_PATH, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}");
        HttpResponse<String> error = post("/nowhere", "{}");

        for (HttpResponse<String> response : List.of(ok, error)) {
            assertThat(response.headers().firstValue("x-amzn-RequestId"))
                    .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        assertThat(json.readTree(ok.body()).at("/output/message/content/0/text").asString())
                .isEqualTo("Simulated reply to: hi");
        assertThat(simulator.received())
                .extracting(RecordedRequest::rawPath)
                .containsExactly(CONVERSE_PATH, "/nowhere");
    }

    @Test
    void postThenRecordedHeadersAreLowerCasedAndLookedUpCaseInsensitively() throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(uri(CONVERSE_PATH))
                        .header("X-Custom-Thing", "v1")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        RecordedRequest recorded = simulator.lastReceived();
        assertThat(recorded.headers()).containsKey("x-custom-thing");
        assertThat(recorded.header("X-CUSTOM-THING")).isEqualTo("v1");
        assertThat(recorded.header("absent")).isNull();
        assertThat(recorded.signingAccessKeyId()).isNull();
    }

    @Test
    void postWithToolsThenTheToolInputFollowsTheSchemaPropertyOrder() throws Exception {
        HttpResponse<String> response = post(
                CONVERSE_PATH,
                "{\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"text\":\"lookup n=7\"}]}],\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"lookup\","
                        + "\"inputSchema\":{\"json\":{\"type\":\"object\",\"properties\":{\"z\":{\"type\":\"array\"},"
                        + "\"n\":{\"type\":\"integer\"},\"a\":{\"type\":\"number\"},\"m\":{\"type\":\"object\"}}}}}}]}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body())
                        .at("/output/message/content/1/toolUse/input")
                        .toString())
                .isEqualTo("{\"z\":[],\"n\":7,\"a\":1.5,\"m\":{}}");
    }

    @Test
    void postWhenImageBytesAreNotBase64ThenValidationRejectsIt() throws Exception {
        HttpResponse<String> response = post(
                CONVERSE_PATH,
                "{\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"not base64!\"}}}]}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response))
                .isEqualTo("Malformed input request: messages.0.content.0.image.source.bytes"
                        + " is not valid base64, please reformat your input and try again.");
    }

    @Test
    void postWhenTheImageFormatIsUnknownThenTheEnumConstraintIsReported() throws Exception {
        HttpResponse<String> response = post(
                CONVERSE_PATH,
                "{\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"image\":{\"format\":\"bmp\",\"source\":{\"bytes\":\"AAAA\"}}}]}]}");

        assertThat(message(response))
                .isEqualTo("1 validation error detected: Value 'bmp' at"
                        + " 'messages.1.member.content.1.member.image.format' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [png, jpeg, gif, webp]");
    }

    @Test
    void postWhenTheToolListIsEmptyThenTheLengthConstraintIsReported() throws Exception {
        HttpResponse<String> response = post(
                CONVERSE_PATH,
                "{\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"text\":\"hi\"}]}],\"toolConfig\":{\"tools\":[]}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response))
                .isEqualTo("1 validation error detected: Value [] at 'toolConfig.tools'"
                        + " failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    private HttpResponse<String> post(String rawPath, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(rawPath))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String rawPath) {
        return URI.create(simulator.endpoint() + rawPath);
    }

    private String message(HttpResponse<String> response) {
        JsonNode body = json.readTree(response.body());
        return body.path("message").asString();
    }
}
