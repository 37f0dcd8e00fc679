package dev.bedrockgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayProbeTest {

    @Test
    void histogramTotalBytesWhenJcmdPrintsAHistogramThenReadsTheBytesOfTheTotalLine() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        120000       98765432  [B (java.base@25.0.3)
                   2:         50000        1200000  java.lang.String (java.base@25.0.3)
                Total        170000       99965432
                """;

        assertThat(GatewayProbe.histogramTotalBytes(histogram)).isEqualTo(99_965_432L);
    }

    @Test
    void histogramTotalBytesWhenThereIsNoTotalLineThenRefusesRatherThanReadingZero() {
        assertThatThrownBy(() -> GatewayProbe.histogramTotalBytes("12345:\nConnection refused\n"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void prometheusValueWhenTheGaugeIsThereThenReadsItWithOrWithoutLabels() {
        String text = """
                # HELP gateway_in_flight Calls in flight in this replica, streams included
                # TYPE gateway_in_flight gauge
                gateway_in_flight 1000.0
                # TYPE gateway_in_flight_limit gauge
                gateway_in_flight_limit{application="bedrock-gateway",zone="a b"} 2048.0
                """;

        assertThat(GatewayProbe.prometheusValue(text, "gateway_in_flight")).isEqualTo(1000.0);
        assertThat(GatewayProbe.prometheusValue(text, "gateway_in_flight_limit")).isEqualTo(2048.0);
        assertThat(GatewayProbe.prometheusValue(text, "gateway_shed_total")).isNaN();
    }
}
