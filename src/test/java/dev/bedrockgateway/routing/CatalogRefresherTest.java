package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Refreshing the catalog from ListInferenceProfiles keeps the last good catalog when Bedrock cannot be asked. */
class CatalogRefresherTest {

    private static final CatalogModel HAIKU =
            new CatalogModel("anthropic.claude-3-5-haiku-20241022-v1:0", "anthropic", List.of("us"));

    private final ModelCatalog catalog = new ModelCatalog(List.of(HAIKU));
    private final Deque<Supplier<List<String>>> answers = new ArrayDeque<>();
    private List<CapabilityOverride> foundationModels = List.of();
    private final CatalogRefresher refresher = new CatalogRefresher(
            catalog,
            new CatalogSource() {
                @Override
                public List<String> systemInferenceProfileIds() {
                    return answers.removeFirst().get();
                }

                @Override
                public List<CapabilityOverride> foundationModels() {
                    return foundationModels;
                }
            },
            new RoutingProperties(
                    null, Map.of(), Map.of(), new RoutingProperties.Discovery(true, Duration.ofHours(6)), List.of()));

    @Test
    void refreshNowWhenTheSourceListsProfilesThenTheCatalogLearnsThemAndItReturnsTrue() {
        answers.add(() -> List.of(
                "us.vendor.new-model-v1:0", "eu.vendor.new-model-v1:0", "eu.anthropic.claude-3-5-haiku-20241022-v1:0"));

        assertThat(refresher.refreshNow()).isTrue();
        assertThat(catalog.find("vendor.new-model-v1:0"))
                .isEqualTo(new CatalogModel("vendor.new-model-v1:0", "vendor", List.of("us", "eu")));
        assertThat(catalog.hasProfile("anthropic.claude-3-5-haiku-20241022-v1:0", "eu"))
                .isTrue();
    }

    @Test
    void refreshNowWhenTheSourceThrowsThenKeepsTheLastGoodCatalogAndReturnsFalse() {
        answers.add(() -> List.of("us.vendor.new-model-v1:0"));
        answers.add(() -> {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Bedrock could not be reached");
        });
        refresher.refreshNow();
        List<CatalogModel> lastGood = catalog.models();

        assertThat(refresher.refreshNow()).isFalse();
        assertThat(catalog.models()).isEqualTo(lastGood);
        assertThat(catalog.hasProfile("vendor.new-model-v1:0", "us")).isTrue();
    }

    @Test
    void refreshNowWhenTheFirstRefreshFailsThenTheBuiltInCatalogStays() {
        answers.add(() -> {
            throw new IllegalStateException("no credentials");
        });

        assertThat(refresher.refreshNow()).isFalse();
        assertThat(catalog.models()).containsExactly(HAIKU);
    }

    @Test
    void refreshNowWhenAFailedRefreshIsFollowedByAGoodOneThenTheGoodOneApplies() {
        answers.add(() -> {
            throw new IllegalStateException("throttled");
        });
        answers.add(() -> List.of("jp.vendor.later-v1:0"));

        assertThat(refresher.refreshNow()).isFalse();
        assertThat(refresher.refreshNow()).isTrue();
        assertThat(catalog.hasProfile("vendor.later-v1:0", "jp")).isTrue();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void refreshNowWhenTheSourceThrowsThenLogsOneWarningNamingTheCause(CapturedOutput output) {
        answers.add(() -> {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "Bedrock could not be reached (log test)");
        });

        refresher.refreshNow();

        // Filtered by this test's own cause: other tests' contexts may log refreshes of their own meanwhile.
        assertThat(output.getOut().lines().filter(line -> line.contains("Bedrock could not be reached (log test)")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("WARN", "Model catalog refresh failed, keeping the last good catalog"));
    }
}
