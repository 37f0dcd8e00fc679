package dev.bedrockgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConfiguredKeysTest {

    private static final List<String> FIELDS = List.of("requests-per-minute", "tokens-per-minute");

    private static Map<String, Map<String, String>> read(Map<String, Object> properties, String prefix) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return ConfiguredKeys.read(environment, prefix, FIELDS);
    }

    @Test
    void globKeysKeepTheirStarsAsYamlWritesThem() {
        Map<String, Map<String, String>> entries = read(
                Map.of("gateway.tenants.a.limits.models.*opus*.tokens-per-minute", 100000),
                "gateway.tenants.a.limits.models");

        assertThat(entries).containsExactly(Map.entry("*opus*", Map.of("tokens-per-minute", "100000")));
    }

    @Test
    void modelIdsKeepTheirDotsAndColons() {
        Map<String, Map<String, String>> entries = read(
                Map.of("gateway.limits.prices.global.anthropic.claude-sonnet-4-5-20250929-v1:0.tokens-per-minute", "5"),
                "gateway.limits.prices");

        assertThat(entries).containsOnlyKeys("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    @Test
    void bracketedKeysAndCamelCaseFieldsAreReadToo() {
        Map<String, Map<String, String>> entries = read(
                Map.of("gateway.limits.defaults.models[*haiku*].requestsPerMinute", "7"),
                "gateway.limits.defaults.models");

        assertThat(entries).containsExactly(Map.entry("*haiku*", Map.of("requests-per-minute", "7")));
    }

    @Test
    void aHigherPrecedenceSourceWinsAndOtherPrefixesAreIgnored() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("high", Map.of("p.models.*a*.tokens-per-minute", "1")));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "low",
                        new LinkedHashMap<>(Map.of(
                                "p.models.*a*.tokens-per-minute", "2",
                                "p.modelsx.*b*.tokens-per-minute", "3",
                                "p.models.*c*.unknown-field", "4"))));

        assertThat(ConfiguredKeys.read(environment, "p.models", FIELDS))
                .containsExactly(Map.entry("*a*", Map.of("tokens-per-minute", "1")));
    }
}
