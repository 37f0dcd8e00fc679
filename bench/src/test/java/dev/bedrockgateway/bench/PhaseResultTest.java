package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bedrockgateway.bench.PhaseResult.Percentiles;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PhaseResultTest {

    private static final Target DIRECT = Systems.direct(8080, false);
    private static final Target DIRECT_STREAM = Systems.direct(8080, true);

    @Test
    void percentilesOfWhenHistogramHoldsMicrosecondsThenReportsEachPercentileInMilliseconds() {
        Histogram micros = new Histogram(3);
        for (long value = 1; value <= 1_000; value++) {
            micros.recordValue(value);
        }

        Percentiles percentiles = Percentiles.of(micros);

        // Values under 2,048 are exact at three significant digits: 1..1000 us has p50 = 500 us and so on.
        assertThat(percentiles).isEqualTo(new Percentiles(0.5, 0.9, 0.99, 0.999, 1.0));
    }

    @Test
    void percentilesOfWhenLatenciesAreHundredsOfMillisecondsThenConvertsWithinTheHistogramPrecision() {
        Histogram micros = new Histogram(3);
        micros.recordValueWithCount(50_000, 900);
        micros.recordValueWithCount(250_000, 99);
        micros.recordValue(1_500_000);

        Percentiles percentiles = Percentiles.of(micros);

        assertThat(percentiles.p50()).isCloseTo(50.0, within(0.05));
        assertThat(percentiles.p90()).isCloseTo(50.0, within(0.05));
        assertThat(percentiles.p99()).isCloseTo(250.0, within(0.25));
        assertThat(percentiles.p999()).isCloseTo(250.0, within(0.25));
        assertThat(percentiles.max()).isCloseTo(1_500.0, within(1.5));
    }

    @Test
    void minusWhenFloorIsDirectThenSubtractsEachPercentile() {
        Percentiles gateway = new Percentiles(1.5, 2.25, 4.0, 9.5, 20.0);
        Percentiles direct = new Percentiles(0.5, 0.75, 1.0, 2.5, 30.0);

        Percentiles added = gateway.minus(direct);

        // Per percentile, not max against max of a reordered list: the max of a noisy floor may exceed the system's.
        assertThat(added).isEqualTo(new Percentiles(1.0, 1.5, 3.0, 7.0, -10.0));
    }

    @Test
    void minusWhenDifferenceIsInexactInBinaryThenRoundsToTheMicrosecond() {
        Percentiles added = new Percentiles(0.3, 1.1, 2.2, 3.3, 4.4).minus(new Percentiles(0.1, 0.2, 0.1, 1.1, 0.1));

        assertThat(added).isEqualTo(new Percentiles(0.2, 0.9, 2.1, 2.2, 4.3));
    }

    @Test
    void ofWhenRequestsCompletedThenAchievedRpsIsRequestsPerSecondAndLatencyIsInMilliseconds() {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(2_000, 400);

        PhaseResult result = PhaseResult.of(DIRECT, "rate", 200, 2.0, 400, 3, List.of("HTTP 500"), latency, null);

        assertThat(result.achievedRps()).isEqualTo(200.0);
        assertThat(result.latencyMs()).isEqualTo(new Percentiles(2.0, 2.0, 2.0, 2.0, 2.0));
        assertThat(result.firstTokenMs()).isNull();
        assertThat(result.process()).isNull();
        assertThat(result.name()).isEqualTo("direct bedrock-wire");
        assertThat(result).extracting(PhaseResult::system, PhaseResult::api, PhaseResult::stream, PhaseResult::mode,
                PhaseResult::load, PhaseResult::requests, PhaseResult::errors, PhaseResult::errorSamples)
                .containsExactly("direct", "bedrock-wire", false, "rate", 200, 400L, 3L, List.of("HTTP 500"));
    }

    @Test
    void ofWhenRateAndSecondsAreNotRoundThenRoundsBothToThreeDecimals() {
        Histogram latency = new Histogram(3);
        latency.recordValue(1_000);

        PhaseResult result = PhaseResult.of(DIRECT, "connections", 1, 1.0004999, 1_000, 0, List.of(), latency, null);

        assertThat(result.seconds()).isEqualTo(1.0);
        assertThat(result.achievedRps()).isEqualTo(999.5);
    }

    @Test
    void ofWhenNoRequestCompletedThenLatencyIsNullAndRateIsZero() {
        PhaseResult result = PhaseResult.of(DIRECT, "rate", 200, 1.5, 0, 300, List.of("connect: refused"),
                new Histogram(3), new Histogram(3));

        assertThat(result.latencyMs()).isNull();
        assertThat(result.firstTokenMs()).isNull();
        assertThat(result.achievedRps()).isZero();
        assertThat(result.errors()).isEqualTo(300);
    }

    @Test
    void ofWhenStreamRecordedFirstTokensThenReportsThemBesideTheLatency() {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(900, 10);
        Histogram firstToken = new Histogram(3);
        firstToken.recordValueWithCount(300, 10);

        PhaseResult result = PhaseResult.of(DIRECT_STREAM, "connections", 1, 1.0, 10, 0, List.of(), latency,
                firstToken);

        assertThat(result.name()).isEqualTo("direct bedrock-wire stream");
        assertThat(result.firstTokenMs()).isEqualTo(new Percentiles(0.3, 0.3, 0.3, 0.3, 0.3));
        assertThat(result.latencyMs()).isEqualTo(new Percentiles(0.9, 0.9, 0.9, 0.9, 0.9));
    }

    @Test
    void withProcessWhenUsageIsMeasuredThenKeepsEveryOtherField() {
        Histogram latency = new Histogram(3);
        latency.recordValue(1_000);
        PhaseResult measured = PhaseResult.of(DIRECT, "rate", 200, 2.0, 400, 0, List.of(), latency, null);
        ProcessUsage usage = new ProcessUsage(1.0, 2.5, 128.0, 140.0, 12.0);

        PhaseResult withUsage = measured.withProcess(usage);

        assertThat(withUsage.process()).isSameAs(usage);
        assertThat(withUsage).usingRecursiveComparison().ignoringFields("process").isEqualTo(measured);
    }

    @Test
    void withRefusalsWhenSomeCallsWereShedOrRefusedThenCountsThemApartAndTimesThemTogether() {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount(50_000, 100);
        Histogram refusals = new Histogram(3);
        refusals.recordValueWithCount(800, 150);
        refusals.recordValueWithCount(1_500, 50);
        PhaseResult measured = PhaseResult.of(DIRECT, "rate", 600, 1.0, 100, 2, List.of("HTTP 502"), latency, null);

        PhaseResult result = measured.withRefusals(120, 80, refusals).inPhase("overload");

        assertThat(result.shed()).isEqualTo(120);
        assertThat(result.refused()).isEqualTo(80);
        assertThat(result.errors()).isEqualTo(2);
        assertThat(result.calls()).isEqualTo(302);
        assertThat(result.achievedRps()).as("answered calls only").isEqualTo(100.0);
        assertThat(result.refusalMs().p50()).isEqualTo(0.8);
        assertThat(result.refusalMs().p99()).isEqualTo(1.5);
        assertThat(result.phase()).isEqualTo("overload");
        assertThat(Report.phaseName(result)).isEqualTo("overload: 600 RPS open loop");
        assertThat(Report.phaseName(measured)).isEqualTo("600 RPS open loop");
    }

    @Test
    void withRefusalsWhenNoneThenHasNoRefusalLatency() {
        Histogram latency = new Histogram(3);
        latency.recordValue(1_000);

        PhaseResult result = PhaseResult.of(DIRECT, "connections", 1, 1.0, 1, 0, List.of(), latency, null)
                .withRefusals(0, 0, new Histogram(3));

        assertThat(result.refusalMs()).isNull();
        assertThat(result.phase()).isEmpty();
    }
}
