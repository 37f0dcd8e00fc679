package dev.bedrockgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The geographies of system-defined inference profiles: prefixes, settings and region defaults. */
class GeographiesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            us.anthropic.claude-3-5-haiku-20241022-v1:0      | us
            eu.amazon.nova-pro-v1:0                          | eu
            apac.amazon.nova-micro-v1:0                      | apac
            us-gov.anthropic.claude-3-haiku-20240307-v1:0    | us-gov
            jp.anthropic.claude-haiku-4-5-20251001-v1:0      | jp
            au.anthropic.claude-sonnet-4-5-20250929-v1:0     | au
            global.anthropic.claude-sonnet-4-5-20250929-v1:0 | global
            anthropic.claude-3-5-haiku-20241022-v1:0         |
            amazon.nova-pro-v1:0                             |
            US.amazon.nova-pro-v1:0                          |
            usa.amazon.nova-pro-v1:0                         |
            ca.amazon.nova-pro-v1:0                          |
            .amazon.nova-pro-v1:0                            |
            us                                               |
            arn:aws:bedrock:us-east-1::foundation-model/us.x |
            """)
    void prefixOfWhenGivenAModelIdThenReturnsOnlyAKnownGeographyPrefix(String modelId, @Nullable String expected) {
        assertThat(Geographies.prefixOf(modelId)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            us-east-1      | us
            us-west-2      | us
            US-EAST-2      | us
            us-gov-west-1  | us-gov
            us-gov-east-1  | us-gov
            eu-central-1   | eu
            eu-west-3      | eu
            ap-northeast-1 | apac
            ap-southeast-2 | apac
            ap-south-1     | apac
            sa-east-1      |
            ca-central-1   |
            me-south-1     |
            il-central-1   |
            cn-north-1     |
            """)
    void fromRegionWhenGivenAnAwsRegionThenReturnsItsUsualGeographyOrNull(String region, @Nullable String expected) {
        assertThat(Geographies.fromRegion(region)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    void fromRegionWhenTheRegionIsUnknownThenReturnsNull(@Nullable String region) {
        assertThat(Geographies.fromRegion(region)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us", "eu", "apac", "us-gov", "jp", "au", "global", "none"})
    void isValidSettingWhenAKnownGeographyOrNoneThenTrue(String value) {
        assertThat(Geographies.isValidSetting(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "US", "europe", "us-east-1", "ca", "None", " us"})
    void isValidSettingWhenAnythingElseThenFalse(String value) {
        assertThat(Geographies.isValidSetting(value)).isFalse();
    }
}
