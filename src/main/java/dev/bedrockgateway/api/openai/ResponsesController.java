package dev.bedrockgateway.api.openai;

import dev.bedrockgateway.api.RouteTable;
import dev.bedrockgateway.chat.ChatCall;
import dev.bedrockgateway.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/responses}: OpenAI's Responses API, translated through the core chat model to Converse and back, with
 * stored conversations ({@code store}, {@code previous_response_id}) that only their own tenant can read.
 */
@RestController
@Tag(name = "OpenAI compatible")
class ResponsesController {

    /** The tag Responses calls are recorded under in metrics and the access log. */
    static final String TAG = "responses";

    private final ResponsesHandler handler;

    ResponsesController(ResponsesHandler handler) {
        this.handler = handler;
    }

    @PostMapping(path = OpenAiStyle.RESPONSES, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create a response (OpenAI Responses API)",
            description = "input as a string or items (messages with input_text, input_image and input_file parts;"
                    + " function_call and function_call_output), instructions, function tools, tool_choice,"
                    + " max_output_tokens, temperature, top_p, reasoning.effort, stream, store and"
                    + " previous_response_id. Built-in tools (web search, file search, code interpreter, computer use),"
                    + " background and n are refused by name.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples = {
                                                @ExampleObject(
                                                        name = "A question",
                                                        value =
                                                                "{\"model\": \"us.anthropic.claude-haiku-4-5-20251001-v1:0\", \"instructions\":"
                                                                        + " \"Answer briefly.\", \"input\": \"What is"
                                                                        + " Bedrock?\"}"),
                                                @ExampleObject(
                                                        name = "Continue a stored conversation",
                                                        value =
                                                                "{\"model\": \"us.anthropic.claude-haiku-4-5-20251001-v1:0\","
                                                                        + " \"previous_response_id\":"
                                                                        + " \"resp_...\", \"input\": \"And in one word?\"}")
                                            })))
    ResponseEntity<?> create(
            @Parameter(hidden = true) ChatCall call,
            @RequestBody JsonNode body,
            @Parameter(hidden = true) HttpServletRequest http) {
        RouteTable.tag(http, TAG);
        return handler.create(call, body);
    }

    @GetMapping(path = OpenAiStyle.RESPONSES + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read a stored response; only the tenant that created it can")
    String read(@Parameter(hidden = true) Tenant tenant, @PathVariable String id) {
        return handler.read(tenant, id);
    }

    @DeleteMapping(path = OpenAiStyle.RESPONSES + "/{id}")
    @Operation(summary = "Delete a stored response; only the tenant that created it can")
    Map<String, Object> delete(@Parameter(hidden = true) Tenant tenant, @PathVariable String id) {
        handler.delete(tenant, id);
        return Map.of("id", id, "object", "response.deleted", "deleted", true);
    }
}
