package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.tenant.ApiKeys;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * On the API port, management endpoints other than health need {@code gateway.management.token} as a bearer token
 * (as given or as its {@code sha256:} digest); a missing or wrong token gets 401 with a JSON message saying how to
 * open them. Health, API paths, {@code open-on-api-port} and a separate management port are left alone.
 */
class ManagementAccessFilterTest {

    private static final String TOKEN = "mgmt-token-0123456789";

    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/v1/models", "/model/x/converse"})
    void healthAndApiPathsAreOpenWithoutAToken(String path) throws Exception {
        filter(TOKEN, false).doFilter(get(path), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator", "/actuator/prometheus", "/actuator/info", "/actuator/healthz"})
    void otherManagementEndpointsAreRefusedWithoutTheToken(String path) throws Exception {
        filter(TOKEN, false).doFilter(get(path), response, chain);

        assertRefused();
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Bearer wrong-token", "Basic bWdtdDp0b2tlbg==", "Digest " + TOKEN, TOKEN, "Bearer "})
    void aWrongOrMalformedTokenIsRefused(String authorization) throws Exception {
        MockHttpServletRequest request = get("/actuator/prometheus");
        request.addHeader("Authorization", authorization);

        filter(TOKEN, false).doFilter(request, response, chain);

        assertRefused();
    }

    @Test
    void theConfiguredTokenOpensThem() throws Exception {
        MockHttpServletRequest request = get("/actuator/prometheus");
        request.addHeader("Authorization", "bearer " + TOKEN);

        filter(TOKEN, false).doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void theTokenMayBeConfiguredAsItsSha256Digest() throws Exception {
        MockHttpServletRequest request = get("/actuator/prometheus");
        request.addHeader("Authorization", "Bearer " + TOKEN);
        String digest = ApiKeys.SHA256_PREFIX + HexFormat.of().formatHex(ApiKeys.digest(TOKEN));

        filter(digest, false).doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void withoutAConfiguredTokenNoBearerOpensThem() throws Exception {
        MockHttpServletRequest request = get("/actuator/prometheus");
        request.addHeader("Authorization", "Bearer anything");

        filter(null, false).doFilter(request, response, chain);

        assertRefused();
    }

    @Test
    void openOnApiPortOpensThemToAnyone() throws Exception {
        filter(null, true).doFilter(get("/actuator/prometheus"), response, chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @ParameterizedTest(name = "server.port={0}, management.server.port={1} -> open: {2}")
    @CsvSource({"8080, 9090, true", "8080, 8080, false", "8080, '', false"})
    void aSeparateManagementPortTakesTheFilterOutOfPlay(String serverPort, String managementPort, boolean open)
            throws Exception {
        new ManagementAccessFilter(new ManagementProperties(null, false), serverPort, managementPort)
                .doFilter(get("/actuator/prometheus"), response, chain);

        assertThat(chain.getRequest() != null).isEqualTo(open);
    }

    @Test
    void theContextPathIsLeftOutWhenMatching() throws Exception {
        MockHttpServletRequest prometheus = get("/gw/actuator/prometheus");
        prometheus.setContextPath("/gw");
        MockHttpServletRequest health = get("/gw/actuator/health");
        health.setContextPath("/gw");

        filter(TOKEN, false).doFilter(health, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(health);
        filter(TOKEN, false).doFilter(prometheus, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(401);
    }

    private void assertRefused() throws Exception {
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString()).contains("gateway.management.token", "management.server.port");
    }

    private static ManagementAccessFilter filter(String token, boolean openOnApiPort) {
        return new ManagementAccessFilter(new ManagementProperties(token, openOnApiPort), "8080", "");
    }

    private static MockHttpServletRequest get(String path) {
        return new MockHttpServletRequest("GET", path);
    }
}
