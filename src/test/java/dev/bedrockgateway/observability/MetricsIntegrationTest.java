package dev.bedrockgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.api.ConfiguredGateway;
import dev.bedrockgateway.simulator.BedrockSimulator;
import dev.bedrockgateway.simulator.SimulatorFault;
import dev.bedrockgateway.support.GatewayClient;
import dev.bedrockgateway.support.GatewayResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The meters operators scrape, after real calls through the gateway: names, tags, outcomes, and that one
 * tenant's calls never show under another's. {@link ConfiguredGateway} supplies the second tenant and the alias,
 * and closes the scrape endpoint to all but its management token. Other classes' calls land in the same meters,
 * so a count is compared before and after a call, is a lower bound, or belongs to a model or tenant only this
 * class uses.
 */
@ConfiguredGateway
class MetricsIntegrationTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)}\\s+(\\S+)$");

    @Autowired
    GatewayClient gateway;

    @Autowired
    BedrockSimulator simulator;

    @Test
    void prometheusWhenCallsSucceedFailAndStreamThenRequestMetersCarryTenantApiModelStreamAndOutcome() {
        chat(gateway, "us.amazon.nova-lite-v1:0", false);
        chat(gateway, "us.amazon.nova-lite-v1:0", true);
        gateway.postJson("/v1/chat/completions", "{\"model\":\"us.amazon.nova-lite-v1:0\"}");
        simulator.failRequestsFor("us.amazon.nova-micro-v1:0", SimulatorFault.throttling());
        chat(gateway, "us.amazon.nova-micro-v1:0", false);
        gateway.postJson(
                "/model/us.amazon.nova-lite-v1:0/converse",
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}");

        List<Sample> samples = scrape();

        assertThat(value(
                        samples,
                        "gateway_requests_seconds_count",
                        Map.of(
                                "tenant",
                                "demo",
                                "api",
                                "openai",
                                "model",
                                "us.amazon.nova-lite-v1:0",
                                "stream",
                                "false",
                                "outcome",
                                "success")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_requests_seconds_count",
                        Map.of(
                                "tenant",
                                "demo",
                                "api",
                                "openai",
                                "model",
                                "us.amazon.nova-lite-v1:0",
                                "stream",
                                "true",
                                "outcome",
                                "success")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_requests_seconds_count",
                        Map.of("tenant", "demo", "api", "openai", "model", "none", "outcome", "client_error")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_requests_seconds_count",
                        Map.of("tenant", "demo", "model", "us.amazon.nova-micro-v1:0", "outcome", "throttled")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_requests_seconds_count",
                        Map.of("tenant", "demo", "api", "bedrock-wire", "outcome", "success")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_upstream_errors_total",
                        Map.of("tenant", "demo", "model", "us.amazon.nova-micro-v1:0", "type", "ThrottlingException")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_time_to_first_token_seconds_count",
                        Map.of("tenant", "demo", "model", "us.amazon.nova-lite-v1:0")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_requests_seconds_bucket",
                        Map.of("tenant", "demo", "outcome", "success", "le", "60.0")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusWhenBedrockReportsUsageThenTokensAreCountedByDirection() {
        String before = "gateway_tokens_total";
        double inputBefore = value(
                scrape(), before, Map.of("tenant", "demo", "model", "us.amazon.nova-pro-v1:0", "direction", "input"));

        chat(gateway, "us.amazon.nova-pro-v1:0", false);

        List<Sample> samples = scrape();
        // The simulator counts words: "Hello metrics" is two input tokens.
        assertThat(value(
                                samples,
                                before,
                                Map.of("tenant", "demo", "model", "us.amazon.nova-pro-v1:0", "direction", "input"))
                        - inputBefore)
                .isEqualTo(2);
        assertThat(value(
                        samples,
                        before,
                        Map.of("tenant", "demo", "model", "us.amazon.nova-pro-v1:0", "direction", "output")))
                .isPositive();
    }

    @Test
    void prometheusWhenADirectModelIdIsRewrittenThenTheGeographyRuleIsCounted() {
        chat(gateway, "amazon.nova-lite-v1:0", false);
        chat(gateway, "bedrock/us.amazon.nova-lite-v1:0", false);

        List<Sample> samples = scrape();

        assertThat(value(samples, "gateway_routing_rewrites_total", Map.of("tenant", "demo", "rule", "geography")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(samples, "gateway_routing_rewrites_total", Map.of("tenant", "demo", "rule", "prefix")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusWhenBedrockFailsWithAServerErrorThenTheCallCountsAsAnUpstreamError() {
        simulator.failRequestsFor("us.amazon.nova-premier-v1:0", SimulatorFault.internalServer("Model host failed"));

        GatewayResponse response = chat(gateway, "us.amazon.nova-premier-v1:0", false);

        assertThat(response.status()).as(response.body()).isEqualTo(502);
        List<Sample> samples = scrape();
        assertThat(value(
                        samples,
                        "gateway_requests_seconds_count",
                        Map.of(
                                "tenant",
                                "demo",
                                "api",
                                "openai",
                                "model",
                                "us.amazon.nova-premier-v1:0",
                                "stream",
                                "false",
                                "outcome",
                                "upstream_error")))
                .isEqualTo(1);
        assertThat(value(
                        samples,
                        "gateway_upstream_errors_total",
                        Map.of(
                                "tenant",
                                "demo",
                                "model",
                                "us.amazon.nova-premier-v1:0",
                                "type",
                                "InternalServerException")))
                .isEqualTo(1);
    }

    @Test
    void prometheusWhenAConverseStyleCallHasACachePointThenCacheWritesAndReadsAreCountedUnderApiConverse() {
        String model = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
        Map<String, String> converse =
                Map.of("tenant", "demo", "api", "converse", "model", model, "stream", "false", "outcome", "success");
        List<Sample> before = scrape();
        // Five system words before the cache point: the first call writes them, the second reads them.
        String body = "{\"modelId\":\"" + model + "\",\"system\":[{\"text\":\"You answer metrics questions briefly\"},"
                + "{\"cachePoint\":{\"type\":\"default\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello cache\"}]}]}";

        GatewayResponse first = gateway.postJson("/v1/chat", body);
        GatewayResponse second = gateway.postJson("/v1/chat", body);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        List<Sample> after = scrape();
        assertThat(increase(before, after, "gateway_requests_seconds_count", converse))
                .isEqualTo(2);
        assertThat(increase(
                        before,
                        after,
                        "gateway_tokens_total",
                        Map.of("tenant", "demo", "model", model, "direction", "cache_write")))
                .isEqualTo(5);
        assertThat(increase(
                        before,
                        after,
                        "gateway_tokens_total",
                        Map.of("tenant", "demo", "model", model, "direction", "cache_read")))
                .isEqualTo(5);
        assertThat(increase(
                        before,
                        after,
                        "gateway_tokens_total",
                        Map.of("tenant", "demo", "model", model, "direction", "input")))
                .as("only the uncached words")
                .isEqualTo(4);
    }

    @Test
    void prometheusWhenAnAliasIsResolvedThenTheAliasRuleIsCounted() {
        List<Sample> before = scrape();

        GatewayResponse response = chat(gateway, "metrics-alias", false);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(increase(
                        before, scrape(), "gateway_routing_rewrites_total", Map.of("tenant", "demo", "rule", "alias")))
                .isEqualTo(1);
    }

    @Test
    void prometheusWhenBedrockRefusesADirectIdOnDemandAndTheProfileAnswersThenTheSelfHealRuleIsCounted() {
        // Not in the catalog, so no geography rule turns it into a profile before Bedrock refuses it.
        String direct = "anthropic.claude-metrics-heal-v9:0";
        simulator.failRequestsFor(direct, SimulatorFault.onDemandNotSupported(direct));
        List<Sample> before = scrape();

        GatewayResponse response = chat(gateway, direct, false);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(simulator.lastReceived().modelId()).isEqualTo("us." + direct);
        assertThat(increase(
                        before,
                        scrape(),
                        "gateway_routing_rewrites_total",
                        Map.of("tenant", "demo", "rule", "self-heal")))
                .isEqualTo(1);
    }

    @Test
    void prometheusWhenACallerSendsAnUnknownModelThenItsNameNeverBecomesATag() {
        chat(gateway, "us.vendor.made-up-model-7f3a1c-v1:0", false);

        String text = scrapeText();

        assertThat(text).doesNotContain("made-up-model-7f3a1c");
        assertThat(value(parse(text), "gateway_requests_seconds_count", Map.of("tenant", "demo", "model", "other")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusWhenTwoTenantsCallThenEachTenantsSeriesHoldOnlyItsOwnCalls() {
        chat(
                gateway.withApiKey(ConfiguredGateway.OTHER_TENANT_KEY),
                "us.anthropic.claude-3-haiku-20240307-v1:0",
                false);

        List<Sample> samples = scrape();

        assertThat(samples)
                .filteredOn(s -> s.name().startsWith("gateway_")
                        && "demo".equals(s.tags().get("tenant")))
                .noneMatch(s -> "us.anthropic.claude-3-haiku-20240307-v1:0"
                        .equals(s.tags().get("model")));
        assertThat(value(
                        samples,
                        "gateway_requests_seconds_count",
                        Map.of(
                                "tenant",
                                "metrics-other",
                                "model",
                                "us.anthropic.claude-3-haiku-20240307-v1:0",
                                "outcome",
                                "success")))
                .isEqualTo(1);
        assertThat(samples)
                .filteredOn(s -> "metrics-other".equals(s.tags().get("tenant")))
                .allMatch(s -> !s.tags().containsKey("model")
                        || s.tags().get("model").equals("us.anthropic.claude-3-haiku-20240307-v1:0"));
    }

    @Test
    void prometheusWhenAKeyIsRefusedThenTheCallCountsUnderTenantNone() {
        gateway.withApiKey("not-a-key").postJson("/v1/chat/completions", "{}");

        assertThat(value(
                        scrape(),
                        "gateway_requests_seconds_count",
                        Map.of("tenant", "none", "outcome", "client_error")))
                .isGreaterThanOrEqualTo(1);
    }

    private static GatewayResponse chat(GatewayClient client, String model, boolean stream) {
        return client.postJson(
                "/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello metrics\"}]}");
    }

    private List<Sample> scrape() {
        return parse(scrapeText());
    }

    private String scrapeText() {
        GatewayResponse response =
                gateway.withApiKey(ConfiguredGateway.MANAGEMENT_TOKEN).get("/actuator/prometheus");
        assertThat(response.status()).as("scrape, body %s", response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<Sample> parse(String text) {
        return text.lines()
                .map(SAMPLE::matcher)
                .filter(Matcher::matches)
                .map(m -> new Sample(
                        m.group(1),
                        Arrays.stream(m.group(2).split(",(?=[a-z_]+=\")"))
                                .filter(pair -> pair.contains("="))
                                .collect(Collectors.toMap(
                                        pair -> pair.substring(0, pair.indexOf('=')),
                                        pair -> pair.substring(pair.indexOf('=') + 2, pair.length() - 1))),
                        Double.parseDouble(m.group(3))))
                .toList();
    }

    /** The sum over series of {@code name} whose tags include all of {@code tags}; 0 if none. */
    private static double value(List<Sample> samples, String name, Map<String, String> tags) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.tags().entrySet().containsAll(tags.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /** How much {@link #value} grew between two scrapes. */
    private static double increase(List<Sample> before, List<Sample> after, String name, Map<String, String> tags) {
        return value(after, name, tags) - value(before, name, tags);
    }

    private record Sample(String name, Map<String, String> tags, double value) {}
}
