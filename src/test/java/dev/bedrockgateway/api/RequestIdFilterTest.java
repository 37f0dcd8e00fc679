package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every request gets an ID: the caller's {@code x-request-id} when it is a safe token, otherwise a new random UUID,
 * so nothing a caller sends can forge a log line. The ID is echoed in {@code x-request-id} and
 * {@code x-amzn-RequestId}, kept on the request for the error renderer and in the log context while the request runs.
 */
class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abc-123", "req_2025.01.01:42", "A"})
    void aSafeCallerIdIsKeptEchoedAndLogged(String id) throws Exception {
        request.addHeader(GatewayHeaders.REQUEST_ID, id);
        List<String> logged = new ArrayList<>();

        filter.doFilter(request, response, (req, res) -> logged.add(MDC.get("requestId")));

        assertThat(response.getHeader(GatewayHeaders.REQUEST_ID)).isEqualTo(id);
        assertThat(response.getHeader(GatewayHeaders.AMZN_REQUEST_ID)).isEqualTo(id);
        assertThat(response.getHeader(GatewayHeaders.ANTHROPIC_REQUEST_ID)).isEqualTo(id);
        assertThat(RequestIdFilter.of(request)).isEqualTo(id);
        assertThat(logged).containsExactly(id);
        assertThat(MDC.get("requestId")).isNull();
    }

    @Test
    void anIdOf128CharactersIsStillKept() throws Exception {
        String id = "x".repeat(128);
        request.addHeader(GatewayHeaders.REQUEST_ID, id);

        filter.doFilter(request, response, (req, res) -> {});

        assertThat(response.getHeader(GatewayHeaders.REQUEST_ID)).isEqualTo(id);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "has space", "forged\nINFO tenant=admin", "quote\"d", "semi;colon", "ünïcode"})
    void anUnsafeCallerIdIsReplacedByARandomUuid(String unsafe) throws Exception {
        request.addHeader(GatewayHeaders.REQUEST_ID, unsafe);

        filter.doFilter(request, response, (req, res) -> {});

        String id = response.getHeader(GatewayHeaders.REQUEST_ID);
        assertThat(id).isNotEqualTo(unsafe);
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(response.getHeader(GatewayHeaders.AMZN_REQUEST_ID)).isEqualTo(id);
        assertThat(RequestIdFilter.of(request)).isEqualTo(id);
    }

    @Test
    void anIdLongerThan128CharactersIsReplaced() throws Exception {
        request.addHeader(GatewayHeaders.REQUEST_ID, "x".repeat(129));

        filter.doFilter(request, response, (req, res) -> {});

        String id = response.getHeader(GatewayHeaders.REQUEST_ID);
        assertThat(id).hasSize(36);
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
    }

    @Test
    void aRequestWithoutAnIdGetsADifferentRandomUuidEachTime() throws Exception {
        MockHttpServletResponse other = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {});
        filter.doFilter(new MockHttpServletRequest("GET", "/v1/models"), other, (req, res) -> {});

        String id = response.getHeader(GatewayHeaders.REQUEST_ID);
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(other.getHeader(GatewayHeaders.REQUEST_ID)).isNotEqualTo(id);
    }

    @Test
    void theLogContextIsClearedEvenWhenTheRequestFails() {
        request.addHeader(GatewayHeaders.REQUEST_ID, "abc-123");

        assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {
                    throw new ServletException("handler failed");
                }))
                .hasMessage("handler failed");
        assertThat(MDC.get("requestId")).isNull();
    }

    @Test
    void ofGivesANewIdWhenTheFilterDidNotRun() {
        MockHttpServletRequest unfiltered = new MockHttpServletRequest();

        String id = RequestIdFilter.of(unfiltered);

        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(RequestIdFilter.of(unfiltered)).isNotEqualTo(id);
    }
}
