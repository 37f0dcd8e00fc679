package dev.bedrockgateway.bedrock;

import static dev.bedrockgateway.bedrock.BedrockSide.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ChatBackend;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;

/**
 * How the gateway gives up on a Bedrock that is too slow or cannot be reached, with the real SDK clients and
 * connection pools configured from {@code gateway.bedrock.*}, against real sockets. A call slower than
 * {@code api-call-timeout}, or silent longer than {@code read-timeout} with the whole-call timeout at its default,
 * fails as {@link ErrorKind#UPSTREAM_TIMEOUT} (504), a stream before its first event; a Bedrock that drops or
 * refuses connections fails as {@link ErrorKind#UPSTREAM_ERROR} (502). Neither carries a Bedrock exception name,
 * since Bedrock never answered. Each setup is a small context of its own ({@link BedrockSide}, no web server);
 * how such a failure is answered in each caller's format is pinned by {@code OpenAiStyleTest} and
 * {@code BedrockWireStyleTest}, and that an error before a stream's first event is a plain error response over
 * HTTP, by the streaming tests in the shared application context.
 */
class UpstreamFailureTest {

    private static final String MODEL = "us.amazon.nova-lite-v1:0";
    private static final String TIMED_OUT = "Bedrock did not answer in time";
    private static final String UNREACHABLE = "Bedrock could not be reached";

    private static final BedrockSimulator bedrock = BedrockSimulator.start(0);

    @AfterAll
    static void stopBedrock() {
        bedrock.close();
    }

    /** Bedrock answers after the api-call timeout: the simulator would then answer 200, so a failure proves it fired. */
    @Nested
    @BedrockSideTest
    @TestPropertySource(properties = "gateway.bedrock.api-call-timeout=300ms")
    class SlowerThanTheApiCallTimeout {

        @Autowired
        ChatBackend backend;

        @Autowired
        TenantRegistry tenants;

        @DynamicPropertySource
        static void endpoint(DynamicPropertyRegistry registry) {
            registry.add("gateway.bedrock.endpoint", () -> bedrock.endpoint().toString());
        }

        @BeforeEach
        void slowBedrockDown() {
            bedrock.reset();
            bedrock.delayResponses(Duration.ofSeconds(2));
        }

        @Test
        void converseWhenBedrockAnswersAfterTheApiCallTimeoutThenFailsAsAnUpstreamTimeout() {
            assertFailure(converseFailure(backend, tenants), ErrorKind.UPSTREAM_TIMEOUT, TIMED_OUT);
        }

        @Test
        void converseStreamWhenBedrockAnswersAfterTheApiCallTimeoutThenFailsBeforeTheFirstEvent() throws Exception {
            GatewayException failure =
                    BedrockSide.stream(backend, tenant(tenants), MODEL, "hi").failedBeforeTheFirstEvent();

            assertFailure(failure, ErrorKind.UPSTREAM_TIMEOUT, TIMED_OUT);
        }
    }

    /** Bedrock is silent past the read timeout, while the whole-call timeout stays at its default (10 minutes). */
    @Nested
    @BedrockSideTest
    @TestPropertySource(properties = {"gateway.bedrock.read-timeout=300ms", "gateway.bedrock.max-attempts=1"})
    class SilentPastTheReadTimeout {

        @Autowired
        ChatBackend backend;

        @Autowired
        TenantRegistry tenants;

        @Autowired
        TenantBedrockClients clients;

        @DynamicPropertySource
        static void endpoint(DynamicPropertyRegistry registry) {
            registry.add("gateway.bedrock.endpoint", () -> bedrock.endpoint().toString());
        }

        @BeforeEach
        void slowBedrockDown() {
            bedrock.reset();
            bedrock.delayResponses(Duration.ofSeconds(3));
        }

        @Test
        void runtimeClientWhenBedrockIsSilentLongerThanTheReadTimeoutThenTheAttemptTimeoutFires() {
            TenantBedrockClients.TenantClient client =
                    clients.of(tenant(tenants).targets().get(0));

            assertThatThrownBy(
                            () -> client.runtime().converse(ConverseRequestMapper.toSdk(MODEL, request(MODEL, "hi"))))
                    .as("a Converse answer arrives at once, so the read timeout bounds each attempt")
                    .isInstanceOf(ApiCallAttemptTimeoutException.class);
        }

        @Test
        void converseWhenBedrockIsSilentLongerThanTheReadTimeoutThenFailsAsAnUpstreamTimeout() {
            assertFailure(converseFailure(backend, tenants), ErrorKind.UPSTREAM_TIMEOUT, TIMED_OUT);
        }

        @Test
        void converseStreamWhenBedrockIsSilentLongerThanTheReadTimeoutThenFailsBeforeTheFirstEvent() throws Exception {
            GatewayException failure =
                    BedrockSide.stream(backend, tenant(tenants), MODEL, "hi").failedBeforeTheFirstEvent();

            assertFailure(failure, ErrorKind.UPSTREAM_TIMEOUT, TIMED_OUT);
        }
    }

    /** Bedrock's endpoint accepts connections and resets them before reading a byte. */
    @Nested
    @BedrockSideTest
    class DroppedConnections {

        private static final ServerSocket DROPPING_ENDPOINT = droppingEndpoint();

        @Autowired
        ChatBackend backend;

        @Autowired
        TenantRegistry tenants;

        @DynamicPropertySource
        static void endpoint(DynamicPropertyRegistry registry) {
            registry.add("gateway.bedrock.endpoint", () -> "http://127.0.0.1:" + DROPPING_ENDPOINT.getLocalPort());
        }

        @AfterAll
        static void closeEndpoint() throws IOException {
            DROPPING_ENDPOINT.close();
        }

        @Test
        void converseWhenBedrockDropsTheConnectionThenFailsAsUnreachable() {
            assertFailure(converseFailure(backend, tenants), ErrorKind.UPSTREAM_ERROR, UNREACHABLE);
        }
    }

    /** Bedrock's endpoint is a port nothing listens on, so every connection attempt is refused. */
    @Nested
    @BedrockSideTest
    @TestPropertySource(
            properties = {
                // Bounds the SDK pool's occasional wait on a refused connection (see BedrockClientConfiguration).
                "gateway.bedrock.connect-timeout=500ms"
            })
    class RefusedConnections {

        /** Bound but not listening: connections are refused, and no other process can take the port. */
        private static final Socket REFUSING_PORT = refusingPort();

        @Autowired
        ChatBackend backend;

        @Autowired
        TenantRegistry tenants;

        @DynamicPropertySource
        static void endpoint(DynamicPropertyRegistry registry) {
            registry.add("gateway.bedrock.endpoint", () -> "http://127.0.0.1:" + REFUSING_PORT.getLocalPort());
        }

        @AfterAll
        static void releasePort() throws IOException {
            REFUSING_PORT.close();
        }

        @Test
        void converseWhenConnectionsAreRefusedThenEveryCallFailsAsUnreachable() {
            for (int call = 0; call < 20; call++) {
                GatewayException failure = converseFailure(backend, tenants);

                assertThat(failure.getMessage()).as("call %d", call).isEqualTo(UNREACHABLE);
                assertFailure(failure, ErrorKind.UPSTREAM_ERROR, UNREACHABLE);
            }
        }
    }

    private static Tenant tenant(TenantRegistry tenants) {
        return Objects.requireNonNull(tenants.anonymous());
    }

    private static GatewayException converseFailure(ChatBackend backend, TenantRegistry tenants) {
        GatewayException failure = catchThrowableOfType(
                GatewayException.class,
                () -> backend.converse(tenant(tenants).targets().get(0), MODEL, request(MODEL, "hi")));
        assertThat(failure).as("how the Converse call failed").isNotNull();
        return failure;
    }

    /** The kind (and with it the status and both formats' error names), the message, and no Bedrock name. */
    private static void assertFailure(GatewayException failure, ErrorKind kind, String message) {
        assertThat(failure.kind()).as("kind of %s", failure.getMessage()).isEqualTo(kind);
        assertThat(failure.getMessage()).isEqualTo(message);
        assertThat(failure.upstreamErrorType())
                .as("no Bedrock exception name: Bedrock never answered")
                .isNull();
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
