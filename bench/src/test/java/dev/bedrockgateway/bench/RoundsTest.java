package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void medianWhenCountIsOddThenTakesTheMiddleValueWhateverTheOrder() {
        assertThat(Rounds.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void medianWhenCountIsEvenThenTakesTheMeanOfTheTwoMiddleValues() {
        assertThat(Rounds.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void medianDifferenceWhenOneRoundIsDisturbedThenPairsRoundsAndIgnoresTheOutlier() {
        // The machine slowed down in round 3 for both systems; the pairwise differences are 0.05, 0.04, 0.06, 0.05,
        // 0.9 (the target alone disturbed in round 5): the median is 0.05. Medians of each side would give 0.7 - 0.65.
        List<Double> baseline = List.of(0.70, 0.66, 1.40, 0.65, 0.64);
        List<Double> target = List.of(0.75, 0.70, 1.46, 0.70, 1.54);

        assertThat(Rounds.medianDifference(baseline, target)).isEqualTo(0.05);
    }

    @Test
    void medianDifferenceWhenTheTargetIsFasterThenIsNegative() {
        assertThat(Rounds.medianDifference(List.of(0.7), List.of(0.65))).isEqualTo(-0.05);
    }

    @Test
    void medianDifferenceWhenRoundsDifferInNumberThenRefuses() {
        assertThatThrownBy(() -> Rounds.medianDifference(List.of(1.0, 2.0), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rounds.medianDifference(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
