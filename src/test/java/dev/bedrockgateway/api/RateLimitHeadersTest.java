package dev.bedrockgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrockgateway.limits.LimitReport;
import dev.bedrockgateway.limits.Window;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitHeadersTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "20, 20ms",
        "999, 999ms",
        "1000, 1s",
        "1500, 1.5s",
        "6250, 6.25s",
        "360000, 6m0s",
        "61001, 1m1.001s",
        "3723000, 1h2m3s"
    })
    void resetsAreWrittenAsGoDurationsLikeOpenAiDoes(long millis, String expected) {
        assertThat(RateLimitHeaders.goDuration(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void bothLimitsBecomeTheSixOpenAiHeaders() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        RateLimitHeaders.write(response, new LimitReport(new Window(600, 599, 100), new Window(400_000, 395_904, 616)));

        assertThat(response.getHeader("x-ratelimit-limit-requests")).isEqualTo("600");
        assertThat(response.getHeader("x-ratelimit-remaining-requests")).isEqualTo("599");
        assertThat(response.getHeader("x-ratelimit-reset-requests")).isEqualTo("100ms");
        assertThat(response.getHeader("x-ratelimit-limit-tokens")).isEqualTo("400000");
        assertThat(response.getHeader("x-ratelimit-remaining-tokens")).isEqualTo("395904");
        assertThat(response.getHeader("x-ratelimit-reset-tokens")).isEqualTo("616ms");
    }

    @Test
    void aLimitTheTenantDoesNotHaveGetsNoHeaders() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        RateLimitHeaders.write(response, new LimitReport(new Window(10, 9, 6_000), null));

        assertThat(response.getHeader("x-ratelimit-limit-requests")).isEqualTo("10");
        assertThat(response.getHeaderNames()).noneMatch(name -> name.endsWith("-tokens"));
    }

    @Test
    void noLimitsNoHeaders() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        RateLimitHeaders.write(response, LimitReport.NONE);

        assertThat(response.getHeaderNames()).isEmpty();
    }
}
