package dev.bedrockgateway.api;

import static dev.bedrockgateway.api.FakeApiStyle.BEDROCK_WIRE;
import static dev.bedrockgateway.api.FakeApiStyle.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import jakarta.servlet.RequestDispatcher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The route table is the one map from path to API style: it decides in whose format errors are rendered (also
 * on an error dispatch and under a context path), which requests are chat calls, and which tag a call is
 * recorded under; and it refuses to be built unless exactly one style renders errors on unclaimed paths.
 */
class RouteTableTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GatewayException NOT_FOUND = new GatewayException(ErrorKind.NOT_FOUND, "No such thing");

    private final RouteTable routes = FakeApiStyle.routeTable();
    private final ErrorResponses errors = new ErrorResponses(routes, JSON, ApiPropertiesDefaults.DEFAULTS);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v1/chat/completions, openai",
        "/v1/models,           openai",
        "/v1/unknown,          openai",
        "/v1/chat,             openai",
        "/model/x/converse,    bedrock-wire",
        "/model/x/unknown,     bedrock-wire",
        "/other,               openai",
        "/,                    openai"
    })
    void errorsAreRenderedInTheStyleThatOwnsThePathAndInTheFallbackStyleElsewhere(String path, String style) {
        ResponseEntity<Object> rendered = errors.render(new MockHttpServletRequest("GET", path), NOT_FOUND);

        assertThat(rendered.getHeaders().getFirst("x-style")).isEqualTo(style);
        assertThat(rendered.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aPathNoStyleClaimsHasNoRouteAndIsTaggedOther() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/other");

        assertThat(routes.route(request)).isNull();
        assertThat(routes.tag(request)).isEqualTo("other");
        assertThat(routes.isChatCall(request)).isFalse();
    }

    @Test
    void onAnErrorDispatchTheStyleIsThatOfThePathThatFailed() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/model/x/converse");

        assertThat(routes.errorStyle(request)).isSameAs(BEDROCK_WIRE);
        assertThat(routes.tag(request)).isEqualTo("bedrock-wire");
    }

    @Test
    void theContextPathIsLeftOutWhenMatching() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/gw/model/x/converse");
        request.setContextPath("/gw");
        MockHttpServletRequest failed = new MockHttpServletRequest("GET", "/gw/error");
        failed.setContextPath("/gw");
        failed.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/gw/model/x/unknown");

        assertThat(routes.errorStyle(request)).isSameAs(BEDROCK_WIRE);
        assertThat(routes.isChatCall(request)).isTrue();
        assertThat(routes.errorStyle(failed)).isSameAs(BEDROCK_WIRE);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "POST, /v1/chat/completions,         true",
        "POST, /v1/chat,                     true",
        "POST, /model/x/converse,            true",
        "POST, /model/x/converse-stream,     true",
        "GET,  /v1/chat/completions,         false",
        "GET,  /model/x/converse,            false",
        "POST, /v1/models,                   false",
        "POST, /model/x/unknown,             false",
        "POST, /model/x/converse/extra,      false",
        "POST, /other,                       false"
    })
    void onlyPostsToAChatPathAreChatCalls(String method, String path, boolean chatCall) {
        assertThat(routes.isChatCall(new MockHttpServletRequest(method, path))).isEqualTo(chatCall);
    }

    @Test
    void aTagSetByTheHandlerOverridesTheRoutesTag() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", RouteTable.CHAT);
        assertThat(routes.tag(request)).isEqualTo("openai");

        RouteTable.tag(request, "converse");

        assertThat(routes.tag(request)).isEqualTo("converse");
        assertThat(routes.errorStyle(request)).isSameAs(OPENAI);
    }

    @Test
    void theChatPathTakesTheStyleOfTheAreaItLiesInOrElseTheFallback() {
        FakeApiStyle v1 = new FakeApiStyle("v1-owner", List.of("/v1/**"), List.of(), false);
        FakeApiStyle elsewhere = new FakeApiStyle("elsewhere", List.of("/api/**"), List.of(), true);
        RouteTable withV1 = new RouteTable(List.of(elsewhere, v1));
        RouteTable withoutV1 = new RouteTable(List.of(BEDROCK_WIRE, elsewhere));
        MockHttpServletRequest inArea = new MockHttpServletRequest("POST", RouteTable.CHAT);
        MockHttpServletRequest unclaimed = new MockHttpServletRequest("POST", RouteTable.CHAT);

        assertThat(withV1.tag(inArea)).isEqualTo("v1-owner");
        assertThat(withoutV1.tag(unclaimed)).isEqualTo("elsewhere");
        assertThat(withoutV1.isChatCall(unclaimed)).isTrue();
    }

    @Test
    void theMostSpecificPatternWinsWhateverOrderTheStylesComeIn() {
        FakeApiStyle special = new FakeApiStyle("special", List.of("/v1/special/**"), List.of(), false);
        RouteTable table = new RouteTable(List.of(OPENAI, special));

        assertThat(table.errorStyle(new MockHttpServletRequest("GET", "/v1/special/x")))
                .isSameAs(special);
        assertThat(table.errorStyle(new MockHttpServletRequest("GET", "/v1/models")))
                .isSameAs(OPENAI);
    }

    @Test
    void constructionFailsWithoutAFallbackStyle() {
        assertThatThrownBy(() -> new RouteTable(List.of(BEDROCK_WIRE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Exactly one API style");
    }

    @Test
    void constructionFailsWithTwoFallbackStylesAndNamesThem() {
        FakeApiStyle second = new FakeApiStyle("second", List.of("/second/**"), List.of(), true);

        assertThatThrownBy(() -> new RouteTable(List.of(OPENAI, BEDROCK_WIRE, second)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[openai, second]");
    }

    @Test
    void writeSendsTheStylesStatusHeadersAndBodyToTheServletResponse() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/model/x/converse");
        MockHttpServletResponse response = new MockHttpServletResponse();

        errors.write(request, response, new GatewayException(ErrorKind.RATE_LIMITED, "Slow down"));

        JsonNode body = JSON.readTree(response.getContentAsByteArray());
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("x-style")).isEqualTo("bedrock-wire");
        assertThat(body.path("style").asString()).isEqualTo("bedrock-wire");
        assertThat(body.path("message").asString()).isEqualTo("Slow down");
    }
}
