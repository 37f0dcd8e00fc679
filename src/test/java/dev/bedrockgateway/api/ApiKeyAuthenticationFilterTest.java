package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.bedrockgateway.tenant.TenancyProperties.Aws;
import dev.bedrockgateway.tenant.Tenant;
import dev.bedrockgateway.tenant.TenantRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API key filter finds the tenant from {@code Authorization: Bearer} or {@code x-api-key} on every path the route
 * table knows, and refuses a missing, unknown or SigV4-signed request with 401 in the route's error style, with
 * {@code WWW-Authenticate} and without echoing the key; paths outside the table pass untouched.
 */
class ApiKeyAuthenticationFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Tenant ACME = tenant("acme");
    private static final String KEY = "gw-acme-0123456789";

    private final TenantRegistry registry = mock(TenantRegistry.class);
    private final RouteTable routes = FakeApiStyle.routeTable();
    private final ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(
            registry, routes, new ErrorResponses(routes, JSON, ApiPropertiesDefaults.DEFAULTS));
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();

    @BeforeEach
    void acmeHoldsOneKey() {
        when(registry.authEnabled()).thenReturn(true);
        when(registry.authenticate(anyString())).thenReturn(Optional.empty());
        when(registry.authenticate(KEY)).thenReturn(Optional.of(ACME));
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Bearer " + KEY, "bearer " + KEY, "  Bearer   " + KEY + "  "})
    void aBearerKeyAuthenticatesTheTenantAndPassesTheRequestOn(String authorization) throws Exception {
        MockHttpServletRequest request = post("/v1/chat/completions");
        request.addHeader("Authorization", authorization);

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(request.getAttribute(ApiKeyAuthenticationFilter.TENANT_ATTRIBUTE))
                .isSameAs(ACME);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
    }

    @Test
    void anXApiKeyHeaderAuthenticatesTooAndTheTenantIsInTheLogContextMeanwhile() throws Exception {
        MockHttpServletRequest request = post("/model/x/converse");
        request.addHeader("x-api-key", " " + KEY + " ");
        List<String> logTenant = new ArrayList<>();

        filter.doFilter(request, response, (req, res) -> logTenant.add(MDC.get("tenant")));

        assertThat(request.getAttribute(ApiKeyAuthenticationFilter.TENANT_ATTRIBUTE))
                .isSameAs(ACME);
        assertThat(logTenant).containsExactly("acme");
        assertThat(MDC.get("tenant")).isNull();
    }

    @Test
    void aMissingKeyIsRefusedWith401InTheRoutesErrorStyle() throws Exception {
        filter.doFilter(post("/model/x/converse"), response, chain);

        JsonNode error = refused();
        assertThat(error.path("style").asString()).isEqualTo("bedrock-wire");
        assertThat(error.path("message").asString()).startsWith("Missing API key");
    }

    @Test
    void anUnknownKeyIsRefusedWith401WithoutEchoingTheKey() throws Exception {
        MockHttpServletRequest request = post("/v1/models");
        request.addHeader("Authorization", "Bearer gw-stolen-or-mistyped");

        filter.doFilter(request, response, chain);

        JsonNode error = refused();
        assertThat(error.path("style").asString()).isEqualTo("openai");
        assertThat(error.path("message").asString()).isEqualTo("Invalid API key");
        assertThat(response.getContentAsString()).doesNotContain("gw-stolen-or-mistyped");
        verify(registry).authenticate("gw-stolen-or-mistyped");
    }

    @Test
    void anAwsSigV4SignatureIsRefusedWithAMessageSayingToSendTheKeyAsABearerToken() throws Exception {
        MockHttpServletRequest request = post("/model/x/converse");
        request.addHeader(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/bedrock/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=abcdef0123456789");

        filter.doFilter(request, response, chain);

        assertThat(refused().path("message").asString())
                .contains("does not take AWS SigV4")
                .contains("AWS_BEARER_TOKEN_BEDROCK");
        verify(registry, never()).authenticate(anyString());
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", KEY})
    void anAuthorizationHeaderThatIsNotABearerKeyIsRefused(String authorization) throws Exception {
        MockHttpServletRequest request = post("/v1/chat/completions");
        request.addHeader("Authorization", authorization);
        request.addHeader("x-api-key", KEY);

        filter.doFilter(request, response, chain);

        assertThat(refused().path("message").asString())
                .isEqualTo("The Authorization header must be 'Bearer <API key>'");
    }

    @Test
    void aPathOutsideTheRouteTablePassesUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(request.getAttribute(ApiKeyAuthenticationFilter.TENANT_ATTRIBUTE))
                .isNull();
        verify(registry, never()).authenticate(anyString());
    }

    @Test
    void withAuthenticationDisabledEveryCallerActsAsTheAnonymousTenant() throws Exception {
        Tenant anonymous = tenant(Tenant.ANONYMOUS_ID);
        when(registry.authEnabled()).thenReturn(false);
        when(registry.anonymous()).thenReturn(anonymous);
        MockHttpServletRequest request = post("/v1/chat/completions");

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(request.getAttribute(ApiKeyAuthenticationFilter.TENANT_ATTRIBUTE))
                .isSameAs(anonymous);
    }

    /** Checks the request was refused with 401 before reaching the handler, and returns the error body. */
    private JsonNode refused() throws Exception {
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        return JSON.readTree(response.getContentAsByteArray());
    }

    private static MockHttpServletRequest post(String path) {
        return new MockHttpServletRequest("POST", path);
    }

    private static Tenant tenant(String id) {
        return new Tenant(id, null, Set.of(), List.of(), List.of(), new Aws(null, null, null, null, null, null));
    }
}
