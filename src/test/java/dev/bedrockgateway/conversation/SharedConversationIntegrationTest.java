package dev.bedrockgateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.StartedGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway replicas in one JVM sharing one real Redis for their limits: a response stored through one is read and
 * continued through the other, and stays its own tenant's.
 */
class SharedConversationIntegrationTest {

    private static final String KEY = "conversation-key-91c2";
    private static final String OTHER_KEY = "conversation-other-key-55d0";
    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<StartedGateway> replicas = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() {
        replicas.addAll(StartedGateway.sharingRedis(
                2, "--gateway.tenants.talker.api-keys[0]=" + KEY, "--gateway.tenants.other.api-keys[0]=" + OTHER_KEY));
    }

    @AfterAll
    static void stop() {
        replicas.forEach(StartedGateway::close);
    }

    @Test
    void aResponseStoredThroughOneReplicaIsReadAndContinuedThroughTheOther() throws Exception {
        HttpResponse<String> first = replicas.get(0)
                .post(KEY, "/v1/responses", "{\"model\":\"" + MODEL + "\",\"input\":\"Remember the word harbour.\"}");
        String id = JSON.readTree(first.body()).path("id").asString();

        HttpResponse<String> read = replicas.get(1).get("/v1/responses/" + id, KEY);
        HttpResponse<String> continued = replicas.get(1)
                .post(
                        KEY,
                        "/v1/responses",
                        "{\"model\":\"" + MODEL + "\",\"previous_response_id\":\"" + id
                                + "\",\"input\":\"Which word?\"}");
        HttpResponse<String> foreign = replicas.get(1).get("/v1/responses/" + id, OTHER_KEY);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("id").asString()).isEqualTo(id);
        assertThat(continued.statusCode()).as(continued.body()).isEqualTo(200);
        assertThat(JSON.readTree(continued.body()).path("previous_response_id").asString())
                .isEqualTo(id);
        assertThat(foreign.statusCode()).as("another tenant's view of it").isEqualTo(404);
    }
}
