package dev.bedrockgateway.bedrock;

import static dev.bedrockgateway.support.ErrorAssertions.assertAwsError;
import static dev.bedrockgateway.support.ErrorAssertions.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayIntegrationTest;
import dev.bedrockgateway.support.GatewayResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Pins the answer when Bedrock cannot be reached: 502 in the caller's format, with no Bedrock exception
 * name (Bedrock never answered) and no internals. Here Bedrock's endpoint accepts connections and drops
 * them at once; {@link WhenNothingListens} covers an endpoint that refuses them.
 */
@GatewayIntegrationTest
class UpstreamUnreachableIntegrationTest {

    private static final String COMPLETION = """
            {"model":"us.amazon.nova-lite-v1:0","messages":[{"role":"user","content":"hi"}]}""";
    private static final String WIRE_PATH = "/model/us.amazon.nova-lite-v1%3A0/converse";
    private static final String WIRE_BODY = """
            {"messages":[{"role":"user","content":[{"text":"hi"}]}]}""";

    private static final ServerSocket DROPPING_ENDPOINT = droppingEndpoint();

    @Autowired
    GatewayClient gateway;

    @DynamicPropertySource
    static void pointBedrockAtAnEndpointThatDropsConnections(DynamicPropertyRegistry registry) {
        registry.add("gateway.simulator.enabled", () -> "false");
        registry.add("gateway.bedrock.endpoint", () -> "http://127.0.0.1:" + DROPPING_ENDPOINT.getLocalPort());
        registry.add("gateway.bedrock.region", () -> "us-east-1");
    }

    @AfterAll
    static void closeEndpoint() throws IOException {
        DROPPING_ENDPOINT.close();
    }

    @Test
    void completionsWhenBedrockDropsTheConnectionThenAnswers502InOpenAiShape() {
        GatewayResponse response = gateway.postJson("/v1/chat/completions", COMPLETION);

        JsonNode error = assertOpenAiError(response, 502, "api_error", null);
        assertThat(error.get("message").stringValue()).contains("Bedrock could not be reached");
        assertThat(error.get("code").isNull())
                .as("no Bedrock exception name: Bedrock never answered")
                .isTrue();
    }

    @Test
    void wireConverseWhenBedrockDropsTheConnectionThenAnswers502InAwsShape() {
        GatewayResponse response = gateway.postJson(WIRE_PATH, WIRE_BODY);

        assertThat(assertAwsError(response, 502, "InternalServerException")).contains("Bedrock could not be reached");
    }

    /** Bedrock's endpoint is a port nothing listens on, so every connection attempt is refused. */
    @Nested
    class WhenNothingListens {

        /** Bound but not listening: connections are refused, and no other process can take the port. */
        private static final Socket REFUSING_PORT = refusingPort();

        @DynamicPropertySource
        static void pointBedrockAtAPortNothingListensOn(DynamicPropertyRegistry registry) {
            registry.add("gateway.bedrock.endpoint", () -> "http://127.0.0.1:" + REFUSING_PORT.getLocalPort());
            // Bounds the SDK pool's occasional wait on a refused connection (see BedrockClientConfiguration).
            registry.add("gateway.bedrock.connect-timeout", () -> "500ms");
        }

        @AfterAll
        static void releasePort() throws IOException {
            REFUSING_PORT.close();
        }

        @Test
        void completionsWhenConnectionsAreRefusedThenEveryCallAnswers502InOpenAiShape() {
            for (int call = 0; call < 20; call++) {
                GatewayResponse response = gateway.postJson("/v1/chat/completions", COMPLETION);

                assertThat(assertOpenAiError(response, 502, "api_error", null)
                                .get("message")
                                .stringValue())
                        .as("call %d", call)
                        .contains("Bedrock could not be reached");
            }
        }

        @Test
        void wireConverseWhenConnectionsAreRefusedThenAnswers502InAwsShape() {
            GatewayResponse response = gateway.postJson(WIRE_PATH, WIRE_BODY);

            assertThat(assertAwsError(response, 502, "InternalServerException"))
                    .contains("Bedrock could not be reached");
        }
    }

    private static ServerSocket droppingEndpoint() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try (Socket connection = server.accept()) {
                                connection.setSoLinger(true, 0); // close with a reset, before reading a byte
                            } catch (IOException e) {
                                // the server socket was closed: stop
                            }
                        }
                    },
                    "bedrock-dropping-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket refusingPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
