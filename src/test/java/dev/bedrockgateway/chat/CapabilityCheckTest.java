package dev.bedrockgateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class CapabilityCheckTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String HELLO = "{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}";
    private static final String TOOL =
            "{\"toolSpec\":{\"name\":\"f\",\"inputSchema\":{\"json\":{\"type\":\"object\"}}}}";

    /** A Converse-shaped request body (the core's own JSON) with these members besides {@code messages}. */
    private static ChatRequest request(String members) {
        String body = "{\"modelId\":\"m\",\"additionalModelResponseFieldPaths\":[],\"requestMetadata\":{},"
                + (members.contains("\"messages\"") ? "" : "\"messages\":[" + HELLO + "],")
                + (members.contains("\"system\"") ? "" : "\"system\":[],")
                + members + "}";
        return JSON.readValue(body.replace(",}", "}"), ChatRequest.class);
    }

    /**
     * Columns: model routed to | streaming | request members (Converse JSON) | the field refused | words of the
     * message.
     */
    @ParameterizedTest(name = "[{index}] {0}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # ---- prompt caching
            us.meta.llama3-3-70b-instruct-v1:0         | false | `"system":[{"text":"Be brief."},{"cachePoint":{"type":"default"}}]` | system[1].cachePoint | has no prompt caching
            us.anthropic.claude-3-7-sonnet-20250219-v1:0 | false | `"system":[{"text":"S"},{"cachePoint":{"type":"default","ttl":"1h"}}]` | system[1].cachePoint.ttl | caches for 5m only
            # ---- TTLs may not grow from tools to system to messages, whatever the model
            global.anthropic.claude-sonnet-4-5-20250929-v1:0 | false | `"system":[{"text":"S"},{"cachePoint":{"type":"default"}}],"messages":[{"role":"user","content":[{"text":"Hi"},{"cachePoint":{"type":"default","ttl":"1h"}}]}]` | messages[0].content[1].cachePoint.ttl | after system[1].cachePoint lives 5m
            vendor.unknown-v1:0                        | false | `"toolConfig":{"tools":[TOOL,{"cachePoint":{"type":"default","ttl":"5m"}}]},"system":[{"text":"S"},{"cachePoint":{"type":"default","ttl":"1h"}}]` | system[1].cachePoint.ttl | put the 1h cache points first
            vendor.unknown-v1:0                        | false | `"system":[{"text":"S"},{"cachePoint":{"type":"default","ttl":"2h"}}]` | system[1].cachePoint.ttl | must be '5m' or '1h'
            # ---- tools
            us.deepseek.r1-v1:0                        | false | `"toolConfig":{"tools":[TOOL]}` | tools | does not take tools
            us.meta.llama3-3-70b-instruct-v1:0         | true  | `"toolConfig":{"tools":[TOOL]}` | tools | takes tools only without streaming
            # ---- media
            us.amazon.nova-micro-v1:0                  | false | `"messages":[{"role":"user","content":[{"image":{"format":"png","source":{"bytes":"AAAA"}}}]}]` | messages[0].content[0] | does not read images
            # ---- thinking as the model does it
            anthropic.claude-sonnet-5-5                | false | `"additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":2048}}` | thinking.type | send thinking.type 'adaptive'
            us.anthropic.claude-3-5-haiku-20241022-v1:0 | false | `"additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":2048}}` | thinking | does not think
            # ---- the API it answers on
            amazon.titan-embed-text-v2:0               | false | `` | model | is an embeddings model; send it to POST /v1/embeddings
            """)
    void aRequestTheModelCannotTakeIsRefusedNamingTheField(
            String model, boolean streaming, String members, String field, String words) {
        ChatRequest request = request(members.replace("TOOL", TOOL));

        GatewayException error = catchThrowableOfType(
                GatewayException.class,
                () -> CapabilityCheck.check(
                        request, model, ChatFixtures.catalog().capabilities(model), streaming));

        assertThat(error).as("refusal").isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(field);
        assertThat(error.getMessage()).contains(words);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            global.anthropic.claude-sonnet-4-5-20250929-v1:0 | true | `"toolConfig":{"tools":[TOOL,{"cachePoint":{"type":"default","ttl":"1h"}}]},"system":[{"text":"S"},{"cachePoint":{"type":"default","ttl":"1h"}}],"messages":[{"role":"user","content":[{"text":"Hi"},{"cachePoint":{"type":"default"}}]}]`
            anthropic.claude-sonnet-5-5                | false | `"additionalModelRequestFields":{"thinking":{"type":"adaptive"}}`
            us.meta.llama3-3-70b-instruct-v1:0         | false | `"toolConfig":{"tools":[TOOL]}`
            arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc | true | `"toolConfig":{"tools":[TOOL]},"system":[{"text":"S"},{"cachePoint":{"type":"default"}}]`
            """)
    void aRequestTheModelCanTakeOrAModelTheCatalogDoesNotKnowPasses(String model, boolean streaming, String members) {
        ChatRequest request = request(members.replace("TOOL", TOOL));

        assertThatNoException()
                .isThrownBy(() -> CapabilityCheck.check(
                        request, model, ChatFixtures.catalog().capabilities(model), streaming));
    }
}
