package dev.bedrockgateway.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Comparing systems measured in alternating rounds: round {@code i} of every system ran within the same minute, so
 * the difference within a round is free of the machine's drift between rounds (see "The machine" in
 * docs/performance.md), and the median of those differences ignores one round disturbed by the host.
 */
final class Rounds {

    private Rounds() {
    }

    /** The median of {@code target[i] - baseline[i]} over the rounds, rounded to the microsecond (ms values). */
    static double medianDifference(List<Double> baseline, List<Double> target) {
        if (baseline.size() != target.size() || baseline.isEmpty()) {
            throw new IllegalArgumentException("rounds differ: " + baseline.size() + " against " + target.size());
        }
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < baseline.size(); i++) {
            differences.add(target.get(i) - baseline.get(i));
        }
        return PhaseResult.round(median(differences));
    }

    /** The median: the middle value, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
