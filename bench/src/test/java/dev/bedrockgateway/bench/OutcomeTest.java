package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeTest {

    @ParameterizedTest
    @CsvSource({"200, OK", "503, SHED", "429, REFUSED", "500, ERROR", "502, ERROR", "504, ERROR", "400, ERROR",
        "401, ERROR", "404, ERROR", "201, ERROR", "0, ERROR"})
    void ofWhenStatusIsGivenThenOnlyA503IsShedOnlyA429IsRefusedAndOnlyA200IsAnswered(int status, Outcome outcome) {
        assertThat(Outcome.of(status)).isEqualTo(outcome);
    }
}
