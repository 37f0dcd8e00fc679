package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void parseWhenNameEqualsValueThenReadsStringAndInteger() {
        Arguments arguments = Arguments.parse(new String[] {"--out=bench/results", "--seconds=15"});

        assertThat(arguments.string("out", "elsewhere")).isEqualTo("bench/results");
        assertThat(arguments.integer("seconds", 2)).isEqualTo(15);
    }

    @Test
    void parseWhenFlagHasNoValueThenFlagIsTrue() {
        Arguments arguments = Arguments.parse(new String[] {"--quick", "--no-streams"});

        assertThat(arguments.flag("quick")).isTrue();
        assertThat(arguments.flag("no-streams")).isTrue();
        assertThat(arguments.values()).containsEntry("quick", "true");
    }

    @Test
    void parseWhenValueContainsEqualsThenSplitsAtTheFirstOnly() {
        // The shell hands --gateway-env="A=1 B=2" over as one argument, quotes removed.
        Arguments arguments = Arguments.parse(new String[] {"--gateway-env=MALLOC_ARENA_MAX=2 B=x=y",
            "--gateway-args=--spring.threads.virtual.enabled=false"});

        assertThat(arguments.string("gateway-env", "")).isEqualTo("MALLOC_ARENA_MAX=2 B=x=y");
        assertThat(arguments.string("gateway-args", "")).isEqualTo("--spring.threads.virtual.enabled=false");
    }

    @Test
    void parseWhenValueIsEmptyThenKeepsTheEmptyValueInsteadOfTheFallback() {
        Arguments arguments = Arguments.parse(new String[] {"--portkey-dir="});

        assertThat(arguments.string("portkey-dir", "fallback")).isEmpty();
    }

    @Test
    void parseWhenArgumentLacksTheDashesThenRejectsIt() {
        assertThatThrownBy(() -> Arguments.parse(new String[] {"--quick", "seconds=5"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seconds=5");
        assertThatThrownBy(() -> Arguments.parse(new String[] {"-quick"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseWhenNameRepeatsThenTheLastValueWins() {
        // bench/run.sh passes its own --out before "$@", so a caller's --out must override it.
        Arguments arguments = Arguments.parse(new String[] {"--out=bench/results", "--out=/tmp/mine"});

        assertThat(arguments.string("out", "")).isEqualTo("/tmp/mine");
    }

    @Test
    void accessorsWhenNameIsAbsentThenReturnFallbacks() {
        Arguments arguments = Arguments.parse(new String[0]);

        assertThat(arguments.integer("seconds", 15)).isEqualTo(15);
        assertThat(arguments.string("rates", "200,1000,2000")).isEqualTo("200,1000,2000");
        assertThat(arguments.flag("quick")).isFalse();
    }

    @Test
    void flagWhenGivenAnExplicitValueThenReadsItAsABoolean() {
        Arguments arguments = Arguments.parse(new String[] {"--quick=false", "--no-streams=TRUE"});

        assertThat(arguments.flag("quick")).isFalse();
        assertThat(arguments.flag("no-streams")).isTrue();
    }

    @Test
    void integerWhenValueIsNotANumberThenFailsLoudly() {
        Arguments arguments = Arguments.parse(new String[] {"--seconds=ten"});

        assertThatThrownBy(() -> arguments.integer("seconds", 15)).isInstanceOf(NumberFormatException.class);
    }
    @Test
    void pairsWhenGivenThenReadsEachNameValuePairInOrderAndReplacesTheFallbackWhole() {
        Arguments arguments = Arguments.parse(new String[] {"--gateway-env=  MALLOC_ARENA_MAX=4   B=x=y EMPTY= "});

        assertThat(arguments.pairs("gateway-env", "FALLBACK=1"))
                .containsExactly(entry("MALLOC_ARENA_MAX", "4"), entry("B", "x=y"), entry("EMPTY", ""));
    }

    @Test
    void pairsWhenAbsentThenFallbackAndWhenGivenEmptyThenNone() {
        assertThat(Arguments.parse(new String[0]).pairs("gateway-env", BenchRunner.IMAGE_ENV))
                .containsExactly(entry("MALLOC_ARENA_MAX", "2"));
        assertThat(Arguments.parse(new String[] {"--gateway-env="}).pairs("gateway-env", BenchRunner.IMAGE_ENV))
                .isEmpty();
    }

    @Test
    void pairsWhenAPairHasNoNameThenRefusesIt() {
        Arguments noEquals = Arguments.parse(new String[] {"--gateway-env=A=1 MALLOC_ARENA_MAX"});
        Arguments noName = Arguments.parse(new String[] {"--gateway-env==2"});

        assertThatThrownBy(() -> noEquals.pairs("gateway-env", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MALLOC_ARENA_MAX");
        assertThatThrownBy(() -> noName.pairs("gateway-env", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("=2");
    }

    @Test
    void namesWhenGivenThenKeepsTheirOrderAndDropsRepeatsAndBlanks() {
        Arguments arguments = Arguments.parse(new String[] {"--phases=overload, limits,,limits"});

        assertThat(arguments.names("phases", "base", BenchRunner.PHASES)).containsExactly("overload", "limits");
    }

    @Test
    void namesWhenNotGivenThenFallsBack() {
        assertThat(Arguments.parse(new String[0]).names("phases", "base,inflight", BenchRunner.PHASES))
                .containsExactly("base", "inflight");
    }

    @Test
    void namesWhenOneIsUnknownThenRefusesInsteadOfSkippingIt() {
        Arguments arguments = Arguments.parse(new String[] {"--phases=limits,overlaod"});

        assertThatThrownBy(() -> arguments.names("phases", "", BenchRunner.PHASES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaod");
    }
}
