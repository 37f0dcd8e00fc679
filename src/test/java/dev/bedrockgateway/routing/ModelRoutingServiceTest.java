package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Which model ID Bedrock receives for the name a caller wrote, in which geography, and which names are refused. */
class ModelRoutingServiceTest {

    private static final ModelCatalog CATALOG =
            new ModelCatalog(JsonMapper.builder().build());

    private static final String APP_PROFILE_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/prod1abc";

    private static final Map<String, String> ALIASES = Map.of(
            "claude-haiku", "anthropic.claude-3-5-haiku-20241022-v1:0",
            "sonnet", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "nova", "bedrock/eu.amazon.nova-pro-v1:0",
            "openai/gpt-4o", "bedrock/us.amazon.nova-pro-v1:0",
            "prod", APP_PROFILE_ARN);

    private static final RoutingContext US_EAST_1 = new RoutingContext("us-east-1", null, Set.of());

    /**
     * Columns: what the caller sent | AWS region | {@code geography-by-region} entry for that region |
     * {@code default-geography} | the caller's own geography | what Bedrock receives | self-healing profile | rules.
     * Aliases: {@link #ALIASES}. An empty cell is unset.
     */
    @ParameterizedTest(name = "[{index}] {0} in {1} (override {2}, default {3}, caller {4}) -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # ---- bedrock/ is stripped; inference profiles of every geography pass through unchanged
            bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0  | us-east-1      |   |        |        | us.anthropic.claude-3-5-haiku-20241022-v1:0      |                                                 | PREFIX
            us.amazon.nova-pro-v1:0                              | us-east-1      |   |        |        | us.amazon.nova-pro-v1:0                          |                                                 |
            eu.amazon.nova-pro-v1:0                              | us-east-1      |   |        |        | eu.amazon.nova-pro-v1:0                          |                                                 |
            apac.amazon.nova-micro-v1:0                          | us-east-1      |   |        |        | apac.amazon.nova-micro-v1:0                      |                                                 |
            us-gov.anthropic.claude-3-haiku-20240307-v1:0        | us-east-1      |   |        |        | us-gov.anthropic.claude-3-haiku-20240307-v1:0    |                                                 |
            jp.anthropic.claude-haiku-4-5-20251001-v1:0          | us-east-1      |   |        |        | jp.anthropic.claude-haiku-4-5-20251001-v1:0      |                                                 |
            au.anthropic.claude-sonnet-4-5-20250929-v1:0         | us-east-1      |   |        |        | au.anthropic.claude-sonnet-4-5-20250929-v1:0     |                                                 |
            global.anthropic.claude-sonnet-4-5-20250929-v1:0     | us-east-1      |   |        |        | global.anthropic.claude-sonnet-4-5-20250929-v1:0 |                                                 |
            bedrock/global.anthropic.claude-opus-4-5-20251101-v1:0 | eu-central-1 |   |        |        | global.anthropic.claude-opus-4-5-20251101-v1:0   |                                                 | PREFIX
            us.vendor.not-in-the-catalog-v1:0                    | us-east-1      |   |        |        | us.vendor.not-in-the-catalog-v1:0                |                                                 |
            us.amazon.nova-lite-v1:0                             | us-east-1      |   | none   |        | us.amazon.nova-lite-v1:0                         |                                                 |
            # ---- ARNs of every kind pass through unchanged
            arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0                      | us-east-1 | | | | arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0                      | |
            arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0      | us-east-1 | | | | arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0      | |
            arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5f6                         | us-east-1 | | | | arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/a1b2c3d4e5f6                         | |
            arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123xyz                                        | us-east-1 | | | | arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123xyz                                        | |
            arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-lite-v1:0:300k/abc123                     | us-east-1 | | | | arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-lite-v1:0:300k/abc123                     | |
            bedrock/arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:provisioned-model/xyz789                        | us-east-1 | | | | arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:provisioned-model/xyz789                                | | PREFIX
            # ---- direct IDs: the region's geography, rewritten when the catalog has that profile
            anthropic.claude-3-5-haiku-20241022-v1:0             | us-east-1      |   |        |        | us.anthropic.claude-3-5-haiku-20241022-v1:0      |                                                 | GEOGRAPHY
            bedrock/amazon.nova-lite-v1:0                        | us-west-2      |   |        |        | us.amazon.nova-lite-v1:0                         |                                                 | PREFIX GEOGRAPHY
            anthropic.claude-3-7-sonnet-20250219-v1:0            | eu-central-1   |   |        |        | eu.anthropic.claude-3-7-sonnet-20250219-v1:0     |                                                 | GEOGRAPHY
            amazon.nova-lite-v1:0                                | ap-northeast-1 |   |        |        | apac.amazon.nova-lite-v1:0                       |                                                 | GEOGRAPHY
            anthropic.claude-3-7-sonnet-20250219-v1:0            | ap-southeast-2 |   |        |        | apac.anthropic.claude-3-7-sonnet-20250219-v1:0   |                                                 | GEOGRAPHY
            anthropic.claude-3-5-haiku-20241022-v1:0             | us-gov-west-1  |   |        |        | anthropic.claude-3-5-haiku-20241022-v1:0         | us-gov.anthropic.claude-3-5-haiku-20241022-v1:0 |
            amazon.nova-lite-v1:0                                | sa-east-1      |   |        |        | amazon.nova-lite-v1:0                            |                                                 |
            amazon.nova-lite-v1:0                                | ca-central-1   |   |        |        | amazon.nova-lite-v1:0                            |                                                 |
            # ---- direct IDs without a profile in that geography are sent as is, with the profile to self-heal to
            mistral.mistral-large-2407-v1:0                      | us-east-1      |   |        |        | mistral.mistral-large-2407-v1:0                  | us.mistral.mistral-large-2407-v1:0              |
            anthropic.claude-opus-4-1-20250805-v1:0              | eu-central-1   |   |        |        | anthropic.claude-opus-4-1-20250805-v1:0          | eu.anthropic.claude-opus-4-1-20250805-v1:0      |
            anthropic.claude-haiku-4-5-20251001-v1:0             | ap-northeast-1 |   |        |        | anthropic.claude-haiku-4-5-20251001-v1:0         | apac.anthropic.claude-haiku-4-5-20251001-v1:0   |
            vendor.brand-new-model-v1:0                          | us-east-1      |   |        |        | vendor.brand-new-model-v1:0                      | us.vendor.brand-new-model-v1:0                  |
            # ---- geography-by-region overrides the region-derived geography
            anthropic.claude-haiku-4-5-20251001-v1:0             | ap-northeast-1 | jp |       |        | jp.anthropic.claude-haiku-4-5-20251001-v1:0      |                                                 | GEOGRAPHY
            anthropic.claude-sonnet-4-5-20250929-v1:0            | ap-southeast-2 | au |       |        | au.anthropic.claude-sonnet-4-5-20250929-v1:0     |                                                 | GEOGRAPHY
            amazon.nova-lite-v1:0                                | sa-east-1      | us |       |        | us.amazon.nova-lite-v1:0                         |                                                 | GEOGRAPHY
            amazon.nova-lite-v1:0                                | us-east-1      | none |     |        | amazon.nova-lite-v1:0                            |                                                 |
            # ---- default-geography beats the region; none turns rewriting off
            amazon.nova-lite-v1:0                                | us-east-1      |   | eu     |        | eu.amazon.nova-lite-v1:0                         |                                                 | GEOGRAPHY
            amazon.nova-lite-v1:0                                | us-east-1      | apac | eu  |        | eu.amazon.nova-lite-v1:0                         |                                                 | GEOGRAPHY
            anthropic.claude-opus-4-1-20250805-v1:0              | us-east-1      |   | eu     |        | anthropic.claude-opus-4-1-20250805-v1:0          | eu.anthropic.claude-opus-4-1-20250805-v1:0      |
            anthropic.claude-3-5-haiku-20241022-v1:0             | us-east-1      |   | none   |        | anthropic.claude-3-5-haiku-20241022-v1:0         |                                                 |
            bedrock/amazon.nova-lite-v1:0                        | eu-central-1   |   | none   |        | amazon.nova-lite-v1:0                            |                                                 | PREFIX
            mistral.mistral-large-2407-v1:0                      | us-east-1      |   | none   |        | mistral.mistral-large-2407-v1:0                  |                                                 |
            # ---- global: the global profile when there is one, else the regional one, else as is
            anthropic.claude-sonnet-4-5-20250929-v1:0            | us-east-1      |   | global |        | global.anthropic.claude-sonnet-4-5-20250929-v1:0 |                                                 | GEOGRAPHY
            anthropic.claude-sonnet-4-20250514-v1:0              | ap-northeast-1 | jp | global |       | global.anthropic.claude-sonnet-4-20250514-v1:0   |                                                 | GEOGRAPHY
            amazon.nova-pro-v1:0                                 | eu-central-1   |   | global |        | eu.amazon.nova-pro-v1:0                          |                                                 | GEOGRAPHY
            anthropic.claude-3-5-haiku-20241022-v1:0             | us-east-1      |   | global |        | us.anthropic.claude-3-5-haiku-20241022-v1:0      |                                                 | GEOGRAPHY
            anthropic.claude-opus-4-1-20250805-v1:0              | eu-central-1   |   | global |        | anthropic.claude-opus-4-1-20250805-v1:0          | global.anthropic.claude-opus-4-1-20250805-v1:0  |
            amazon.nova-pro-v1:0                                 | sa-east-1      |   | global |        | amazon.nova-pro-v1:0                             | global.amazon.nova-pro-v1:0                     |
            # ---- the caller's own geography beats default-geography
            amazon.nova-lite-v1:0                                | us-east-1      |   | us     | eu     | eu.amazon.nova-lite-v1:0                         |                                                 | GEOGRAPHY
            amazon.nova-lite-v1:0                                | eu-central-1   |   | none   | us     | us.amazon.nova-lite-v1:0                         |                                                 | GEOGRAPHY
            anthropic.claude-3-5-haiku-20241022-v1:0             | us-east-1      |   |        | none   | anthropic.claude-3-5-haiku-20241022-v1:0         |                                                 |
            anthropic.claude-sonnet-4-5-20250929-v1:0            | us-east-1      |   | eu     | global | global.anthropic.claude-sonnet-4-5-20250929-v1:0 |                                                 | GEOGRAPHY
            # ---- aliases, then routing continues with their target
            claude-haiku                                         | us-east-1      |   |        |        | us.anthropic.claude-3-5-haiku-20241022-v1:0      |                                                 | ALIAS GEOGRAPHY
            claude-haiku                                         | us-east-1      |   | none   |        | anthropic.claude-3-5-haiku-20241022-v1:0         |                                                 | ALIAS
            claude-haiku                                         | eu-central-1   |   |        |        | anthropic.claude-3-5-haiku-20241022-v1:0         | eu.anthropic.claude-3-5-haiku-20241022-v1:0     | ALIAS
            bedrock/claude-haiku                                 | us-east-1      |   |        |        | us.anthropic.claude-3-5-haiku-20241022-v1:0      |                                                 | PREFIX ALIAS GEOGRAPHY
            sonnet                                               | eu-central-1   |   |        |        | us.anthropic.claude-sonnet-4-5-20250929-v1:0     |                                                 | ALIAS
            nova                                                 | us-east-1      |   |        |        | eu.amazon.nova-pro-v1:0                          |                                                 | ALIAS
            openai/gpt-4o                                        | us-east-1      |   |        |        | us.amazon.nova-pro-v1:0                          |                                                 | ALIAS
            bedrock/openai/gpt-4o                                | us-east-1      |   |        |        | us.amazon.nova-pro-v1:0                          |                                                 | PREFIX ALIAS
            prod                                                 | us-east-1      |   |        |        | arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/prod1abc |                    | ALIAS
            # ---- a profile-only model is never sent by its plain ID: without a geography, the region's profile, else the global one
            anthropic.claude-sonnet-4-6                          | us-east-1      |   | none   |        | us.anthropic.claude-sonnet-4-6                   |                                                 | GEOGRAPHY
            anthropic.claude-haiku-5-5                           | ca-central-1   |   |        |        | global.anthropic.claude-haiku-5-5                |                                                 | GEOGRAPHY
            amazon.nova-2-lite-v1:0                              | eu-west-1      |   | none   |        | global.amazon.nova-2-lite-v1:0                   |                                                 | GEOGRAPHY
            # ---- with a geography whose profile the catalog lacks, self-healing tries it rather than widening to global
            anthropic.claude-haiku-5-5                           | ap-south-1     |   |        |        | anthropic.claude-haiku-5-5                       | apac.anthropic.claude-haiku-5-5                 |
            # ---- an on-demand model without a profile keeps its plain ID
            openai.gpt-oss-120b-1:0                              | us-east-1      |   |        |        | openai.gpt-oss-120b-1:0                          | us.openai.gpt-oss-120b-1:0                      |
            openai.gpt-oss-120b-1:0                              | us-east-1      |   | none   |        | openai.gpt-oss-120b-1:0                          |                                                 |
            """)
    void routeWhenTheNameIsValidThenBedrockReceivesTheExpectedIdWithItsRules(
            String requested,
            String region,
            @Nullable String regionOverride,
            @Nullable String defaultGeography,
            @Nullable String callerGeography,
            String expected,
            @Nullable String selfHeal,
            @Nullable String rules) {
        Map<String, String> byRegion = regionOverride == null ? Map.of() : Map.of(region, regionOverride);
        ModelRoutingService routing = service(defaultGeography, byRegion, ALIASES);

        ModelRoute route = routing.route(requested, new RoutingContext(region, callerGeography, Set.of()));

        assertThat(route.bedrockModelId()).as("Bedrock model ID").isEqualTo(expected);
        assertThat(route.selfHealModelId()).as("self-healing profile").isEqualTo(selfHeal);
        assertThat(route.rules()).as("rules").isEqualTo(rules(rules));
    }

    static Stream<Arguments> refusedNames() {
        String forms = "an inference profile ID (us.anthropic.claude-3-5-haiku-20241022-v1:0), an ARN";
        String spaces = "must not contain whitespace or control characters";
        return Stream.of(
                refused("null", null, ErrorKind.INVALID_REQUEST, forms),
                refused("empty", "", ErrorKind.INVALID_REQUEST, forms),
                refused("blank", "   ", ErrorKind.INVALID_REQUEST, forms),
                refused("tab only", "\t", ErrorKind.INVALID_REQUEST, forms),
                refused("bedrock/ alone", "bedrock/", ErrorKind.INVALID_REQUEST, forms),
                refused("bedrock/ and a space", "bedrock/ ", ErrorKind.INVALID_REQUEST, forms),
                refused("space inside", "amazon.nova lite-v1:0", ErrorKind.INVALID_REQUEST, spaces),
                refused("leading space", " amazon.nova-lite-v1:0", ErrorKind.INVALID_REQUEST, spaces),
                refused("space after bedrock/", "bedrock/ amazon.nova-lite-v1:0", ErrorKind.INVALID_REQUEST, spaces),
                refused("trailing newline", "amazon.nova-lite-v1:0\n", ErrorKind.INVALID_REQUEST, spaces),
                refused("NUL", "amazon.nova-lite-v1:0\u0000", ErrorKind.INVALID_REQUEST, spaces),
                refused("ESC", "amazon.\u001bnova-lite-v1:0", ErrorKind.INVALID_REQUEST, spaces),
                refused("DEL", "amazon.nova-lite-v1:0\u007f", ErrorKind.INVALID_REQUEST, spaces),
                refused("C1 control", "amazon.nova\u0085-lite-v1:0", ErrorKind.INVALID_REQUEST, spaces),
                refused(
                        "2049 characters",
                        idOfLength(2049),
                        ErrorKind.INVALID_REQUEST,
                        "model is 2049 characters long; Bedrock accepts at most 2048"),
                refused(
                        "bedrock/ + 2049 characters",
                        "bedrock/" + idOfLength(2049),
                        ErrorKind.INVALID_REQUEST,
                        "Bedrock accepts at most 2048"),
                refused("openai/ without an alias", "openai/gpt-4o", ErrorKind.INVALID_REQUEST, forms),
                refused("azure/", "azure/x", ErrorKind.INVALID_REQUEST, forms),
                refused("vertex_ai/", "vertex_ai/y", ErrorKind.INVALID_REQUEST, forms),
                refused("unknown prefix is named", "azure/gpt-4o", ErrorKind.INVALID_REQUEST, "prefix 'azure/'"),
                refused("bare gpt-4o", "gpt-4o", ErrorKind.NOT_FOUND, forms),
                refused("bare claude", "claude", ErrorKind.NOT_FOUND, "not a known alias"),
                refused("bedrock/ + bare name", "bedrock/gpt-4o", ErrorKind.NOT_FOUND, "not a known alias"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNames")
    void routeWhenTheNameIsMissingMalformedOrUnknownThenRefusesItAboutParamModel(
            String description, @Nullable String requested, ErrorKind kind, String messageFragment) {
        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> service(null, Map.of(), Map.of()).route(requested, US_EAST_1));

        assertThat(error).as(description).isNotNull();
        assertThat(error.kind()).as("kind").isEqualTo(kind);
        assertThat(error.param()).as("param").isEqualTo("model");
        assertThat(error.getMessage()).as("message").contains(messageFragment);
    }

    @Test
    void routeWhenTheIdIsExactly2048CharactersThenAcceptsIt() {
        String id = idOfLength(2048);

        assertThat(service("none", Map.of(), Map.of()).route(id, US_EAST_1).bedrockModelId())
                .isEqualTo(id);
    }

    @Test
    void routeWhenBedrockPrefixPrecedesA2048CharacterIdThenAcceptsIt() {
        String id = idOfLength(2048);

        assertThat(service("none", Map.of(), Map.of())
                        .route("bedrock/" + id, US_EAST_1)
                        .bedrockModelId())
                .isEqualTo(id);
    }

    @Test
    void routeWhenBedrockPrefixIsDoubledThenOnlyOneIsStrippedAndTheRestIsRefused() {
        GatewayException error = catchThrowableOfType(
                GatewayException.class,
                () -> service(null, Map.of(), Map.of()).route("bedrock/bedrock/us.amazon.nova-pro-v1:0", US_EAST_1));

        assertThat(error).isNotNull();
        assertThat(error.param()).isEqualTo("model");
        assertThat(error.getMessage()).contains("unknown prefix 'bedrock/'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bedrock/azure/x", "bedrock/vertex_ai/y"})
    void routeWhenAnUnknownPrefixFollowsBedrockPrefixThenRefusesWith400(String requested) {
        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> service(null, Map.of(), Map.of()).route(requested, US_EAST_1));

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo("model");
    }

    /** Columns: what the caller sent | the caller's own geography | what Bedrock receives. Allowed: only eu. */
    @ParameterizedTest(name = "{0} (caller geography {1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            eu.amazon.nova-pro-v1:0                   |    | eu.amazon.nova-pro-v1:0
            bedrock/eu.anthropic.claude-3-7-sonnet-20250219-v1:0 | | eu.anthropic.claude-3-7-sonnet-20250219-v1:0
            amazon.nova-pro-v1:0                      | eu | eu.amazon.nova-pro-v1:0
            anthropic.claude-opus-4-1-20250805-v1:0   | eu | anthropic.claude-opus-4-1-20250805-v1:0
            """)
    void routeWhenTheCallerMayOnlyUseEuAndTheModelStaysInEuThenRoutesIt(
            String requested, @Nullable String callerGeography, String expected) {
        RoutingContext euOnly = new RoutingContext("us-east-1", callerGeography, Set.of("eu"));

        assertThat(service(null, Map.of(), ALIASES).route(requested, euOnly).bedrockModelId())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "us.amazon.nova-pro-v1:0",
        "bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "amazon.nova-pro-v1:0",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "claude-haiku",
        "openai/gpt-4o"
    })
    void routeWhenTheCallerMayOnlyUseEuAndTheModelWouldLeaveEuThenRefusesWith403NamingTheAllowedOnes(String requested) {
        RoutingContext euOnly = new RoutingContext("us-east-1", null, Set.of("eu"));

        GatewayException error = catchThrowableOfType(
                GatewayException.class, () -> service(null, Map.of(), ALIASES).route(requested, euOnly));

        assertThat(error).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(error.kind().status()).isEqualTo(403);
        assertThat(error.param()).isEqualTo("model");
        assertThat(error.getMessage()).contains("may only use [eu]");
    }

    @Test
    void routeWhenASelfHealingRetryServedThenTheNextRouteGoesStraightToTheProfile() {
        ModelRoutingService routing = service(null, Map.of(), Map.of());
        ModelRoute first = routing.route("vendor.needs-a-profile-v1:0", US_EAST_1);
        assertThat(first.selfHealModelId()).isEqualTo("us.vendor.needs-a-profile-v1:0");

        routing.rememberSelfHeal(first, true);
        ModelRoute next = routing.route("bedrock/vendor.needs-a-profile-v1:0", US_EAST_1);

        assertThat(next.bedrockModelId()).isEqualTo("us.vendor.needs-a-profile-v1:0");
        assertThat(next.selfHealModelId()).isNull();
        assertThat(next.rules()).containsExactlyInAnyOrder(RoutingRule.PREFIX, RoutingRule.SELF_HEAL);
    }

    @Test
    void routeWhenASelfHealingRetryFailedThenTheNextRouteIsSentAsIsWithoutAFallback() {
        ModelRoutingService routing = service(null, Map.of(), Map.of());
        ModelRoute first = routing.route("vendor.on-demand-only-v1:0", US_EAST_1);

        routing.rememberSelfHeal(first, false);
        ModelRoute next = routing.route("vendor.on-demand-only-v1:0", US_EAST_1);

        assertThat(next.bedrockModelId()).isEqualTo("vendor.on-demand-only-v1:0");
        assertThat(next.selfHealModelId()).isNull();
        assertThat(next.rules()).isEmpty();
    }

    @Test
    void rememberSelfHealWhenItServedInOneGeographyThenOtherGeographiesStillSelfHealToTheirOwnProfile() {
        ModelRoutingService routing = service(null, Map.of(), Map.of());
        routing.rememberSelfHeal(routing.route("vendor.healed-in-us-v1:0", US_EAST_1), true);

        ModelRoute eu = routing.route("vendor.healed-in-us-v1:0", new RoutingContext("eu-central-1", null, Set.of()));

        assertThat(eu.bedrockModelId()).isEqualTo("vendor.healed-in-us-v1:0");
        assertThat(eu.selfHealModelId()).isEqualTo("eu.vendor.healed-in-us-v1:0");
    }

    @Test
    void rememberSelfHealWhenTheAliasTargetHealedThenTheAliasRoutesToTheProfileToo() {
        ModelRoutingService routing = service(null, Map.of(), Map.of("future", "vendor.future-v1:0"));
        routing.rememberSelfHeal(routing.route("vendor.future-v1:0", US_EAST_1), true);

        ModelRoute route = routing.route("future", US_EAST_1);

        assertThat(route.bedrockModelId()).isEqualTo("us.vendor.future-v1:0");
        assertThat(route.rules()).containsExactlyInAnyOrder(RoutingRule.ALIAS, RoutingRule.SELF_HEAL);
    }

    @Test
    void rememberSelfHealWhenTheRouteHadNoFallbackThenChangesNothing() {
        ModelRoutingService routing = service(null, Map.of(), Map.of());
        ModelRoute profile = routing.route("us.vendor.x-v1:0", US_EAST_1);

        routing.rememberSelfHeal(profile, false);

        assertThat(routing.route("vendor.x-v1:0", US_EAST_1).selfHealModelId()).isEqualTo("us.vendor.x-v1:0");
    }

    @Test
    void modelsWhenListedThenCatalogModelsAndAliasesShowWhereTheyRoute() {
        ModelRoutingService routing = service(null, Map.of(), ALIASES);

        assertThat(routing.models(US_EAST_1))
                .contains(
                        new RoutedModel(
                                "anthropic.claude-3-5-haiku-20241022-v1:0",
                                "anthropic",
                                "us.anthropic.claude-3-5-haiku-20241022-v1:0"),
                        new RoutedModel(
                                "mistral.mistral-large-2407-v1:0", "mistral", "mistral.mistral-large-2407-v1:0"),
                        new RoutedModel("claude-haiku", "anthropic", "us.anthropic.claude-3-5-haiku-20241022-v1:0"),
                        new RoutedModel("openai/gpt-4o", "amazon", "us.amazon.nova-pro-v1:0"),
                        new RoutedModel("prod", "bedrock", APP_PROFILE_ARN));
    }

    @Test
    void aProfileOnlyModelWhoseProfilesTheCallerMayNotUseIsRefusedNamingItsProfiles() {
        ModelRoutingService routing = service(null, Map.of(), Map.of());

        assertThatExceptionOfType(GatewayException.class)
                .isThrownBy(() -> routing.route(
                        "anthropic.claude-haiku-5-5", new RoutingContext("ca-central-1", null, Set.of("us", "eu"))))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.getMessage())
                            .contains("served only through inference profiles ([us, eu, global])")
                            .contains("within this caller's geographies [eu, us]");
                });
    }

    @Test
    void modelsWhenTheCallerMayOnlyUseEuThenModelsRoutingElsewhereAreLeftOut() {
        ModelRoutingService routing = service("eu", Map.of(), ALIASES);

        assertThat(routing.models(new RoutingContext("eu-central-1", null, Set.of("eu"))))
                .extracting(RoutedModel::name)
                .contains("amazon.nova-pro-v1:0", "nova")
                .doesNotContain("sonnet", "openai/gpt-4o");
    }

    private static ModelRoutingService service(
            @Nullable String defaultGeography, Map<String, String> byRegion, Map<String, String> aliases) {
        return new ModelRoutingService(
                CATALOG,
                new RoutingProperties(
                        defaultGeography,
                        byRegion,
                        aliases,
                        new RoutingProperties.Discovery(false, Duration.ofHours(6)),
                        List.of()));
    }

    private static Set<RoutingRule> rules(@Nullable String names) {
        if (names == null || names.isBlank()) {
            return EnumSet.noneOf(RoutingRule.class);
        }
        return Arrays.stream(names.trim().split("\\s+"))
                .map(RoutingRule::valueOf)
                .collect(Collectors.toSet());
    }

    /** A well-formed direct model ID ({@code vendor.mmm...}) of exactly this length. */
    private static String idOfLength(int length) {
        return "vendor." + "m".repeat(length - "vendor.".length());
    }

    private static Arguments refused(
            String description, @Nullable String requested, ErrorKind kind, String messageFragment) {
        return Arguments.of(description, requested, kind, messageFragment);
    }
}
