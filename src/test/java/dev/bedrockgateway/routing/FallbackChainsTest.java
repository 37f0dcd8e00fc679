package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

class FallbackChainsTest {

    private static final String OPUS = "anthropic.claude-opus-4-5-20251101-v1:0";
    private static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static StandardEnvironment environment(Map<String, Object> high, Map<String, Object> low) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("low", low));
        environment.getPropertySources().addFirst(new MapPropertySource("high", high));
        return environment;
    }

    @Test
    void keysKeepTheirDotsAndColonsAsYamlFlattensThemAndBracketedKeysToo() {
        FallbackChains chains = new FallbackChains(environment(
                Map.of(
                        "gateway.routing.fallbacks." + OPUS + "[0]",
                        SONNET,
                        "gateway.routing.fallbacks." + OPUS + "[1]",
                        "amazon.nova-pro-v1:0",
                        "gateway.routing.fallbacks[claude-sonnet][0]",
                        OPUS),
                Map.of()));

        assertThat(chains.after(OPUS, "us." + OPUS)).containsExactly(SONNET, "amazon.nova-pro-v1:0");
        assertThat(chains.after("claude-sonnet", "us." + SONNET)).containsExactly(OPUS);
    }

    @Test
    void aChainIsFoundByTheRoutedIdOrItsFoundationModelWhenTheNameHasNone() {
        FallbackChains chains = FallbackChains.of(Map.of(OPUS, List.of(SONNET)));

        assertThat(chains.after("opus-alias", "us." + OPUS)).containsExactly(SONNET);
        assertThat(chains.after("other", "us.amazon.nova-pro-v1:0")).isEmpty();
    }

    @Test
    void aHigherSourceReplacesAWholeChainAsSpringDoesForLists() {
        FallbackChains chains = new FallbackChains(environment(
                Map.of("gateway.routing.fallbacks.m[0]", "a"),
                Map.of("gateway.routing.fallbacks.m[0]", "x", "gateway.routing.fallbacks.m[1]", "y")));

        assertThat(chains.after("m", "m")).containsExactly("a");
    }

    @Test
    void aChainThatNamesItsOwnModelOrNothingFailsStartupNamingTheProperty() {
        assertThatThrownBy(() -> FallbackChains.of(Map.of(OPUS, List.of(OPUS))))
                .hasMessageContaining("gateway.routing.fallbacks." + OPUS + "[0]");
        assertThatThrownBy(() -> FallbackChains.of(Map.of(OPUS, List.of(" "))))
                .hasMessageContaining("must name a model");
    }

    @Test
    void onlyBedrocksOwnTransientFailuresHaveARetryReason() {
        assertThat(RetryReason.of(new GatewayException(ErrorKind.RATE_LIMITED, "t", null, "ThrottlingException")))
                .isEqualTo(RetryReason.THROTTLED);
        assertThat(RetryReason.of(
                        new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "n", null, "ModelNotReadyException")))
                .isEqualTo(RetryReason.MODEL_NOT_READY);
        assertThat(RetryReason.of(new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "slow")))
                .isEqualTo(RetryReason.TIMEOUT);
        assertThat(RetryReason.of(GatewayException.invalid("x", "bad"))).isNull();
        assertThat(RetryReason.of(new GatewayException(ErrorKind.PERMISSION_DENIED, "no")))
                .isNull();
        assertThat(RetryReason.of(GatewayException.refused(
                        ErrorKind.RATE_LIMITED, "tenant_rate_limited", "own limit", Duration.ofSeconds(1))))
                .as("the tenant's own limit is the caller's to wait for")
                .isNull();
    }

    @Test
    void theBackoffDoublesUpToItsMaxAndFullJitterStaysWithinIt() {
        RetryProperties.Backoff exact = new RetryProperties.Backoff(
                Duration.ofMillis(200), Duration.ofMillis(500), RetryProperties.Jitter.NONE);
        RetryProperties.Backoff jittered = new RetryProperties.Backoff(
                Duration.ofMillis(200), Duration.ofMillis(500), RetryProperties.Jitter.FULL);
        Random random = new Random(7);

        assertThat(exact.before(1, random)).isEqualTo(Duration.ofMillis(200));
        assertThat(exact.before(2, random)).isEqualTo(Duration.ofMillis(400));
        assertThat(exact.before(5, random)).isEqualTo(Duration.ofMillis(500));
        for (int i = 0; i < 100; i++) {
            assertThat(jittered.before(3, random)).isBetween(Duration.ZERO, Duration.ofMillis(500));
        }
    }

    @Test
    void invalidRetrySettingsFailStartupNamingTheProperty() {
        assertThatThrownBy(() -> new RetryProperties(
                        java.util.Set.of(), 0, RetryProperties.none().backoff(), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("gateway.routing.retry.max-attempts");
        assertThatThrownBy(() -> new RetryProperties.Backoff(
                        Duration.ofSeconds(2), Duration.ofSeconds(1), RetryProperties.Jitter.FULL))
                .hasMessageContaining("gateway.routing.retry.backoff");
    }

    @Test
    void theExampleConfigurationsChainsReadAsWrittenInYaml() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader()
                .load("example", new FileSystemResource(Path.of("config/application-example.yml")))
                .forEach(environment.getPropertySources()::addLast);

        FallbackChains chains = new FallbackChains(environment);

        assertThat(chains.after(OPUS, "us." + OPUS)).containsExactly(SONNET);
        assertThat(chains.after("claude-sonnet", "us." + SONNET))
                .containsExactly("anthropic.claude-3-7-sonnet-20250219-v1:0");
    }
}
