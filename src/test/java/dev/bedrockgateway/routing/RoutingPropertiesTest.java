package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Routing settings are checked when they are bound, and a bad one names its property. */
class RoutingPropertiesTest {

    private static final RoutingProperties.Discovery DISCOVERY =
            new RoutingProperties.Discovery(false, Duration.ofHours(6));

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(RoutingPropertiesConfiguration.class);

    @ParameterizedTest
    @ValueSource(strings = {"europe", "US", "us-east-1", "None"})
    void constructorWhenDefaultGeographyIsUnknownThenNamesThePropertyAndTheValue(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RoutingProperties(value, Map.of(), Map.of(), DISCOVERY, List.of()))
                .withMessageContaining("gateway.routing.default-geography")
                .withMessageContaining("'" + value + "'")
                .withMessageContaining("none");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"us", "eu", "apac", "us-gov", "jp", "au", "global", "none", "  "})
    void constructorWhenDefaultGeographyIsKnownNoneOrUnsetThenAcceptsIt(@Nullable String value) {
        assertThat(new RoutingProperties(value, Map.of(), Map.of(), DISCOVERY, List.of()).defaultGeography())
                .isEqualTo(value);
    }

    @Test
    void constructorWhenAGeographyByRegionValueIsUnknownThenNamesThePropertyWithItsRegion() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new RoutingProperties(null, Map.of("ap-northeast-1", "japan"), Map.of(), DISCOVERY, List.of()))
                .withMessageContaining("gateway.routing.geography-by-region.ap-northeast-1")
                .withMessageContaining("'japan'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void constructorWhenAnAliasTargetIsBlankThenNamesTheAlias(String target) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RoutingProperties(null, Map.of(), Map.of("fast", target), DISCOVERY, List.of()))
                .withMessageContaining("gateway.routing.aliases.fast");
    }

    @Test
    void discoveryWhenTheRefreshIntervalIsUnderOneSecondThenNamesTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RoutingProperties.Discovery(true, Duration.ofMillis(999)))
                .withMessageContaining("gateway.routing.discovery.refresh-interval");
    }

    @Test
    void bindingWhenNothingIsSetThenDefaultsApply() {
        runner.run(context -> {
            RoutingProperties properties = context.getBean(RoutingProperties.class);
            assertThat(properties.defaultGeography()).isNull();
            assertThat(properties.geographyByRegion()).isEmpty();
            assertThat(properties.aliases()).isEmpty();
            assertThat(properties.discovery()).isEqualTo(new RoutingProperties.Discovery(false, Duration.ofHours(6)));
        });
    }

    @Test
    void bindingWhenAliasNamesContainSlashesThenBracketedKeysKeepThem() {
        runner.withPropertyValues(
                        "gateway.routing.aliases.claude-haiku=anthropic.claude-3-5-haiku-20241022-v1:0",
                        "gateway.routing.aliases[openai/gpt-4o]=bedrock/us.amazon.nova-pro-v1:0",
                        "gateway.routing.geography-by-region.ap-northeast-1=jp",
                        "gateway.routing.discovery.refresh-interval=30m")
                .run(context -> {
                    RoutingProperties properties = context.getBean(RoutingProperties.class);
                    assertThat(properties.aliases())
                            .containsExactlyInAnyOrderEntriesOf(Map.of(
                                    "claude-haiku", "anthropic.claude-3-5-haiku-20241022-v1:0",
                                    "openai/gpt-4o", "bedrock/us.amazon.nova-pro-v1:0"));
                    assertThat(properties.geographyByRegion()).containsExactly(Map.entry("ap-northeast-1", "jp"));
                    assertThat(properties.discovery().refreshInterval()).isEqualTo(Duration.ofMinutes(30));
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gateway.routing.default-geography=mars|gateway.routing.default-geography",
                "gateway.routing.geography-by-region.ap-northeast-1=japan|gateway.routing.geography-by-region.ap-northeast-1",
                "gateway.routing.aliases.fast= |gateway.routing.aliases.fast",
                "gateway.routing.discovery.refresh-interval=10ms|gateway.routing.discovery.refresh-interval"
            })
    void startupWhenASettingIsInvalidThenFailsNamingTheProperty(String setting) {
        String[] parts = setting.split("\\|");

        runner.withPropertyValues(parts[0]).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(parts[1]);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RoutingProperties.class)
    static class RoutingPropertiesConfiguration {}
}
