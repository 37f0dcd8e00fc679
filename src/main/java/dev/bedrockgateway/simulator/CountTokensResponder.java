package dev.bedrockgateway.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers CountTokens ({@code POST /model/{modelId}/count-tokens}) with {@code {"inputTokens":N}}, N being what
 * {@link TokenCounter} counts for the same input: for {@code input.invokeModel.body} (an InvokeModel body in
 * base64) that InvokeModel's input, for {@code input.converse} that Converse request's input. It is the whole
 * input, cached or not, so it equals the input tokens plus the cache read and write tokens an invocation of the
 * same body reports. The body is checked as that operation would check it.
 *
 * <p>As on Bedrock, CountTokens takes a base model id only: a cross-region profile id ({@code us.},
 * {@code eu.}, {@code global.}, ...) or an ARN is "The provided model identifier is invalid.", and a model other
 * than Anthropic's Claude "doesn't support counting tokens"; both are 400 ValidationExceptions.
 */
final class CountTokensResponder {

    /**
     * The geography prefixes of system-defined inference profiles (AWS CDK's list, plus {@code ca}, which only
     * third-party code uses); a model id starting with one of them and a dot is a profile id.
     */
    private static final Set<String> GEOGRAPHIES = Set.of("us", "us-gov", "eu", "apac", "jp", "au", "ca", "global");

    private static final List<String> INPUT_MEMBERS = List.of("invokeModel", "converse");

    private final JsonMapper json;
    private final ConverseValidator validator;
    private final InvokeModelResponder invoker;

    CountTokensResponder(JsonMapper json, ConverseValidator validator, InvokeModelResponder invoker) {
        this.json = json;
        this.validator = validator;
        this.invoker = invoker;
    }

    /** The CountTokens answer for a request to this model. */
    ObjectNode count(String modelId, String body) {
        int dot = modelId.indexOf('.');
        if (modelId.startsWith("arn:") || (dot > 0 && GEOGRAPHIES.contains(modelId.substring(0, dot)))) {
            throw FaultException.validation("The provided model identifier is invalid.");
        }
        if (!InvokeModelResponder.isClaude(modelId)) {
            throw FaultException.validation("The provided model doesn't support counting tokens.");
        }
        JsonNode input = validator.parseObject(body).path("input");
        BlockLocation at = new BlockLocation("input", "input");
        String member = ShapeChecks.singleMember(input, at, INPUT_MEMBERS, "CountTokensInput");
        ObjectNode request;
        if ("invokeModel".equals(member)) {
            String base64 = ShapeChecks.requiredString(input.get(member), "body", at.child(member));
            ShapeChecks.base64(input.get(member).get("body"), at.child(member).child("body"));
            String invokeBody = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            request = invoker.converseRequest(modelId, invokeBody);
        } else {
            request = validator.validate(modelId, json.writeValueAsString(input.get(member)));
        }
        return json.createObjectNode().put("inputTokens", TokenCounter.total(TokenCounter.inputSegments(request)));
    }
}
