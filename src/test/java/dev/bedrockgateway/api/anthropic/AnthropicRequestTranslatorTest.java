package dev.bedrockgateway.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bedrockgateway.chat.ChatRequest;
import dev.bedrockgateway.chat.ReasoningEffort;
import dev.bedrockgateway.error.ErrorKind;
import dev.bedrockgateway.error.GatewayException;
import dev.bedrockgateway.support.GoldenFiles;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages request to core request: golden pairs ({@code golden/anthropic/<name>.anthropic.json} in,
 * {@code <name>.core.json} out, the model ID passed as the caller wrote it) and tables of refused requests.
 */
class AnthropicRequestTranslatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> goldenCases() {
        return GoldenFiles.cases("anthropic", ".anthropic.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void toChatRequestWhenGivenGoldenInputThenProducesGoldenCoreRequest(String name) {
        AnthropicRequest input = parse(GoldenFiles.text("anthropic/" + name + ".anthropic.json"));

        ChatRequest core = AnthropicRequestTranslator.toChatRequest(input, Objects.requireNonNull(input.model()));

        assertThat(GoldenFiles.coreTree(core)).isEqualTo(GoldenFiles.json("anthropic/" + name + ".core.json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no max_tokens            | {"messages":[{"role":"user","content":"hi"}]}                                  | max_tokens          | max_tokens: Field required
            no messages              | {"max_tokens":10}                                                               | messages            | messages: Field required
            null message             | {"max_tokens":10,"messages":[null]}                                            | messages[0]         | messages[0] must be an object with role and content
            role missing             | {"max_tokens":10,"messages":[{"content":"hi"}]}                                | messages[0].role    | messages[0].role: Field required
            role system              | {"max_tokens":10,"messages":[{"role":"system","content":"hi"}]}                | messages[0].role    | messages[0].role: Input should be 'user' or 'assistant'
            content missing          | {"max_tokens":10,"messages":[{"role":"user"}]}                                 | messages[0].content | messages[0].content: Field required
            block without type       | {"max_tokens":10,"messages":[{"role":"user","content":[{"text":"hi"}]}]}        | messages[0].content[0].type | messages[0].content[0].type: Field required
            text block without text  | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"text"}]}]}      | messages[0].content[0].text | messages[0].content[0].text: Field required
            budget below minimum     | {"max_tokens":9000,"thinking":{"type":"enabled","budget_tokens":512},"messages":[{"role":"user","content":"hi"}]} | thinking.budget_tokens | thinking.budget_tokens: Input should be greater than or equal to 1024
            budget missing           | {"max_tokens":9000,"thinking":{"type":"enabled"},"messages":[{"role":"user","content":"hi"}]} | thinking.budget_tokens | thinking.budget_tokens: Field required
            temperature with thinking | {"max_tokens":9000,"temperature":0.5,"thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"hi"}]} | temperature | temperature may only be set to 1 when thinking is enabled
            tool choice without tools | {"max_tokens":10,"tool_choice":{"type":"any"},"messages":[{"role":"user","content":"hi"}]} | tool_choice | tool_choice: type 'any' needs tools, and none are defined
            """)
    void toChatRequestWhenAFieldIsMissingOrWrongThenTheMessageSaysItAsAnthropicDoes(
            String name, String body, String param, String message) {
        GatewayException error = refusal(body);

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            web search server tool   | {"max_tokens":10,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"hi"}]} | tools[0].type | server tools such as web_search
            bash tool                | {"max_tokens":10,"tools":[{"type":"bash_20250124","name":"bash"}],"messages":[{"role":"user","content":"hi"}]} | tools[0].type | 'bash_20250124' is not supported
            code execution tool      | {"max_tokens":10,"tools":[{"name":"f","input_schema":{"type":"object"}},{"type":"code_execution_20250522","name":"code_execution"}],"messages":[{"role":"user","content":"hi"}]} | tools[1].type | exist only on Claude
            text editor tool         | {"max_tokens":10,"tools":[{"type":"text_editor_20250124","name":"str_replace_editor"}],"messages":[{"role":"user","content":"hi"}]} | tools[0].type | define the tool with name, description and input_schema
            container                | {"max_tokens":10,"container":"container_011","messages":[{"role":"user","content":"hi"}]} | container | code-execution containers run on Anthropic's side
            mcp servers              | {"max_tokens":10,"mcp_servers":[{"type":"url","url":"https://mcp.example","name":"x"}],"messages":[{"role":"user","content":"hi"}]} | mcp_servers | Anthropic's MCP connector
            citations on a document  | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"},"citations":{"enabled":true}}]}]} | messages[0].content[0].citations | returns no citations
            citations on text        | {"max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"text","text":"x","citations":[{"type":"char_location","cited_text":"x"}]}]}]} | messages[1].content[0].citations | returns no citations
            search result block      | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"search_result","source":"https://x","title":"t","content":[{"type":"text","text":"x"}]}]}]} | messages[0].content[0].type | 'search_result' is not supported
            server tool use block    | {"max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}]}]} | messages[1].content[0].type | server tools, MCP and search results run on Anthropic's side
            image by url             | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://x/cat.png"}}]}]} | messages[0].content[0].source | the gateway does not fetch URLs
            document by url          | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"url","url":"https://x/a.pdf"}}]}]} | messages[0].content[0].source | the gateway does not fetch URLs
            image by file id         | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"file_1"}}]}]} | messages[0].content[0].source | no file store
            image media type         | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"AAAA"}}]}]} | messages[0].content[0].source.media_type | 'image/bmp' is not supported
            image bad base64         | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"not base64!"}}]}]} | messages[0].content[0].source.data | does not hold valid base64 data
            word document            | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/msword","data":"AAAA"}}]}]} | messages[0].content[0].source.media_type | must be 'application/pdf'
            image in a tool result   | {"max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"image","source":{"type":"url","url":"https://x"}}]}]}]} | messages[2].content[0].content[0].source | does not fetch URLs
            search result in a tool result | {"max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"search_result","source":"s","title":"t","content":[]}]}]}]} | messages[2].content[0].content[0].type | not supported in a tool result
            tool input not an object | {"max_tokens":10,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":[1]}]}]} | messages[1].content[0].input | must be an object
            cache control type       | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"persistent"}}]}]} | messages[0].content[0].cache_control.type | must be 'ephemeral'
            custom tool without schema | {"max_tokens":10,"tools":[{"name":"f"}],"messages":[{"role":"user","content":"hi"}]} | tools[0].input_schema | Field required
            tool choice names unknown tool | {"max_tokens":10,"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"g"},"messages":[{"role":"user","content":"hi"}]} | tool_choice.name | 'g' is not among the tools
            thinking type unknown    | {"max_tokens":10,"thinking":{"type":"deep"},"messages":[{"role":"user","content":"hi"}]} | thinking.type | use enabled, adaptive or disabled
            top_k with thinking      | {"max_tokens":9000,"top_k":5,"thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"hi"}]} | top_k | cannot be combined with thinking
            max_tokens zero          | {"max_tokens":0,"messages":[{"role":"user","content":"hi"}]} | max_tokens | at least 1
            system of images         | {"max_tokens":10,"system":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}],"messages":[{"role":"user","content":"hi"}]} | system[0].type | text blocks only
            """)
    void toChatRequestWhenSomethingCannotBeCarriedThenRefusesNamingWhatAndWhy(
            String name, String body, String param, String fragment) {
        GatewayException error = refusal(body);

        assertThat(error).as(name).isNotNull();
        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.param()).isEqualTo(param);
        assertThat(error.getMessage()).startsWith(param).contains(fragment);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            metadata user id        | {"max_tokens":10,"metadata":{"user_id":"u-1"},"messages":[{"role":"user","content":"hi"}]}
            unknown fields          | {"max_tokens":10,"service_tier":"auto","context_management":{},"output_config":{"effort":"high"},"messages":[{"role":"user","content":"hi","id":"x"}]}
            thinking disabled       | {"max_tokens":10,"thinking":{"type":"disabled"},"messages":[{"role":"user","content":"hi"}]}
            empty mcp servers       | {"max_tokens":10,"mcp_servers":[],"messages":[{"role":"user","content":"hi"}]}
            citations disabled      | {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"hi","citations":null}]}]}
            parallel tool use off   | {"max_tokens":10,"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto","disable_parallel_tool_use":true},"messages":[{"role":"user","content":"hi"}]}
            """)
    void toChatRequestWhenAFieldCannotChangeTheAnswerThenItIsAcceptedAndIgnored(String name, String body) {
        ChatRequest core = AnthropicRequestTranslator.toChatRequest(parse(body), "m");

        assertThat(core.messages()).as(name).hasSize(1);
        assertThat(core.requestMetadata()).isEmpty();
        assertThat(core.additionalModelRequestFields()).isNull();
    }

    @ParameterizedTest(name = "budget {0} -> {1}")
    @CsvSource(textBlock = """
            1024,  LOW
            4095,  LOW
            4096,  MEDIUM
            16383, MEDIUM
            16384, HIGH
            31999, HIGH
            """)
    void toChatRequestWhenThinkingIsEnabledThenTheEffortIsTheLargestLevelTheBudgetCovers(int budget, String effort) {
        AnthropicRequest request = parse("{\"max_tokens\":64000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":"
                + budget + "},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        ChatRequest core = AnthropicRequestTranslator.toChatRequest(request, "m");

        assertThat(String.valueOf(core.reasoningEffort())).isEqualTo(effort);
        assertThat(core.additionalModelRequestFields()
                        .path("thinking")
                        .path("budget_tokens")
                        .asInt())
                .isEqualTo(budget);
    }

    @Test
    void toChatRequestWhenThinkingIsAdaptiveThenTheModelGetsItAsIsAndTheCoreChecksItCanThink() {
        AnthropicRequest request = parse(
                "{\"max_tokens\":8000,\"thinking\":{\"type\":\"adaptive\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        ChatRequest core = AnthropicRequestTranslator.toChatRequest(request, "m");

        assertThat(core.reasoningEffort()).isEqualTo(ReasoningEffort.HIGH);
        assertThat(core.additionalModelRequestFields())
                .isEqualTo(JSON.readTree("{\"thinking\":{\"type\":\"adaptive\"}}"));
    }

    @Test
    void toChatRequestWhenABlockInsideAToolResultAsksForACachePointThenItFollowsTheResult() {
        AnthropicRequest request = parse("""
                {"max_tokens":10,"messages":[
                  {"role":"user","content":"hi"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[
                    {"type":"text","text":"big output","cache_control":{"type":"ephemeral"}},
                    {"type":"text","text":"tail"}]}]}]}
                """);

        ChatRequest core = AnthropicRequestTranslator.toChatRequest(request, "m");

        assertThat(GoldenFiles.coreTree(core.messages().get(2).content())).isEqualTo(JSON.readTree("""
                        [{"toolResult":{"toolUseId":"t1","content":[{"text":"big output"},{"text":"tail"}]}},
                         {"cachePoint":{"type":"default"}}]"""));
    }

    private static GatewayException refusal(String body) {
        AnthropicRequest request = parse(body);
        return catchThrowableOfType(
                GatewayException.class, () -> AnthropicRequestTranslator.toChatRequest(request, "m"));
    }

    private static AnthropicRequest parse(String body) {
        return JSON.readValue(body, AnthropicRequest.class);
    }
}
