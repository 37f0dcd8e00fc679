package dev.bedrockgateway.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Free-form JSON to SDK Document and back, without losing a digit. */
class DocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String NESTED = """
            {"s":"text with \\"quotes\\" and ünïcode","empty":"","t":true,"f":false,"n":null,\
            "i":42,"neg":-7,"zero":0,"l":9007199254740993,"big":123456789012345678901234567890,\
            "d":0.1,"d2":2.5,"d3":-0.000125,\
            "arr":[1,"two",[3.25,{"deep":null}],[],{}],"obj":{"k":{"k2":[true,{"k3":"v"}]}}}""";

    @Test
    void toJsonWhenRoundTrippingNestedJsonThenEveryValueAndTheKeyOrderSurvive() {
        JsonNode original = JSON.readTree(NESTED);

        JsonNode back = Documents.toJson(Documents.toDocument(original));

        assertThat(JSON.writeValueAsString(back)).isEqualTo(NESTED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "-1",
                "2147483648",
                "9223372036854775807",
                "9223372036854775808",
                "-123456789012345678901234567890",
                "0.1",
                "1.0",
                "3.141592653589793",
                "-2.5",
                "1.0E-7",
                "[]",
                "{}",
                "\"\"",
                "null",
                "true",
                "[null,[null]]"
            })
    void toJsonWhenRoundTrippingAScalarOrEmptyValueThenItIsWrittenIdentically(String json) {
        JsonNode back = Documents.toJson(Documents.toDocument(JSON.readTree(json)));

        assertThat(JSON.writeValueAsString(back)).isEqualTo(json);
    }

    @Test
    void toDocumentWhenGivenNumbersThenTheyKeepTheirExactValues() {
        Document document = Documents.toDocument(JSON.readTree(NESTED));
        Map<String, Document> members = document.asMap();

        assertThat(members.get("i").asNumber().intValue()).isEqualTo(42);
        assertThat(members.get("l").asNumber().longValue()).isEqualTo(9_007_199_254_740_993L);
        assertThat(members.get("big").asNumber().bigDecimalValue().toBigIntegerExact())
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(members.get("d").asNumber().bigDecimalValue()).isEqualByComparingTo(new BigDecimal("0.1"));
        assertThat(members.get("d3").asNumber().bigDecimalValue()).isEqualByComparingTo(new BigDecimal("-0.000125"));
    }

    @Test
    void toDocumentWhenGivenEachJsonTypeThenBuildsTheMatchingDocumentType() {
        Map<String, Document> members =
                Documents.toDocument(JSON.readTree(NESTED)).asMap();

        assertThat(members.get("s").asString()).isEqualTo("text with \"quotes\" and ünïcode");
        assertThat(members.get("t").asBoolean()).isTrue();
        assertThat(members.get("f").asBoolean()).isFalse();
        assertThat(members.get("n").isNull()).isTrue();
        assertThat(members.get("arr").isList()).isTrue();
        assertThat(members.get("arr").asList()).hasSize(5);
        assertThat(members.get("obj")
                        .asMap()
                        .get("k")
                        .asMap()
                        .get("k2")
                        .asList()
                        .get(1)
                        .asMap()
                        .get("k3")
                        .asString())
                .isEqualTo("v");
        assertThat(members.keySet())
                .containsExactly(
                        "s", "empty", "t", "f", "n", "i", "neg", "zero", "l", "big", "d", "d2", "d3", "arr", "obj");
    }

    @Test
    void toJsonWhenBedrockSendsADocumentThenItBecomesTheSameJson() {
        Document fromBedrock = Document.fromMap(Map.of(
                "stop_sequence", Document.fromNull(),
                "scores",
                        Document.fromList(List.of(
                                Document.fromNumber(SdkNumber.fromString("0.75")),
                                Document.fromNumber(7),
                                Document.fromNumber(SdkNumber.fromLong(Long.MAX_VALUE)))),
                "ok", Document.fromBoolean(true)));

        JsonNode json = Documents.toJson(fromBedrock);

        assertThat(json.propertyNames()).containsExactlyInAnyOrder("stop_sequence", "scores", "ok");
        assertThat(json.get("stop_sequence").isNull()).isTrue();
        assertThat(json.get("ok").booleanValue()).isTrue();
        assertThat(JSON.writeValueAsString(json.get("scores"))).isEqualTo("[0.75,7,9223372036854775807]");
    }
}
