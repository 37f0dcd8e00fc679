package dev.bedrockgateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The requests each system under test gets, equal in content: one system and one user message, a small
 * {@code max_tokens}. The gateway gets a direct model ID (so routing rewrites it to the {@code us.} profile,
 * as in production), the fake and Portkey the profile ID itself (neither routes).
 */
final class Systems {

    static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
    static final String PROFILE = "us." + MODEL;
    /**
     * The model the fake streams without pauses: a gateway is warmed with it (the same code paths, another model ID)
     * before long streams of {@link #MODEL} are measured.
     */
    static final String WARM_UP_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    /** How {@link #WARM_UP_MODEL} appears in the fake's request path, whatever the encoding of its colon. */
    static final String WARM_UP_MODEL_IN_PATH = "claude-3-haiku-20240307";
    static final String API_KEY = "bench-key-6c1f0e2d";
    /** The key of the tenant with limits (the limits and overload phases). */
    static final String LIMITED_API_KEY = "bench-limited-key-9a41d7";

    private static final String CONVERSE_BODY = """
            {"messages":[{"role":"user","content":[{"text":"Say hello to the benchmark in one short sentence."}]}],\
            "system":[{"text":"You are a terse assistant."}],"inferenceConfig":{"maxTokens":256,"temperature":0.2}}""";

    private Systems() {
    }

    /** The gateway's streams of {@link #WARM_UP_MODEL} on the OpenAI surface or the Bedrock wire. */
    static Target gatewayWarmUpStream(String system, int port, boolean openAi) {
        Map<String, String> key = Map.of("Authorization", "Bearer " + API_KEY);
        return openAi
                ? Target.post(system, "openai warm-up", true, port, "/v1/chat/completions", key,
                        openAiBody(WARM_UP_MODEL, true))
                : Target.post(system, "bedrock-wire warm-up", true, port, modelPath(WARM_UP_MODEL, true), key,
                        CONVERSE_BODY);
    }

    private static String openAiBody(String model, boolean stream) {
        return """
                {"model":"%s","stream":%s,"max_tokens":256,"temperature":0.2,"messages":[\
                {"role":"system","content":"You are a terse assistant."},\
                {"role":"user","content":"Say hello to the benchmark in one short sentence."}]}"""
                .formatted(model, stream);
    }

    private static String modelPath(String model, boolean stream) {
        return "/model/" + model.replace(":", "%3A") + (stream ? "/converse-stream" : "/converse");
    }

    static Target direct(int fakePort, boolean stream) {
        return Target.post("direct", "bedrock-wire", stream, fakePort, modelPath(PROFILE, stream),
                Map.of("Authorization", "Bearer direct"), CONVERSE_BODY);
    }

    static List<Target> gateway(int port, boolean stream) {
        Map<String, String> key = Map.of("Authorization", "Bearer " + API_KEY);
        List<Target> targets = new ArrayList<>();
        targets.add(Target.post("gateway", "openai", stream, port, "/v1/chat/completions", key,
                openAiBody(MODEL, stream)));
        targets.add(Target.post("gateway", "bedrock-wire", stream, port, modelPath(MODEL, stream), key, CONVERSE_BODY));
        return targets;
    }

    /** The gateway's Bedrock-wire Converse call for the tenant holding {@code apiKey}, named {@code label}. */
    static Target gatewayWire(String system, String label, int port, String apiKey) {
        return Target.post(system, label, false, port, modelPath(MODEL, false),
                Map.of("Authorization", "Bearer " + apiKey), CONVERSE_BODY);
    }

    /** The fake's own ConverseStream, measured as {@code system} (the fake's name in the run). */
    static Target fakeStream(String system, int fakePort) {
        return Target.post(system, "bedrock-wire", true, fakePort, modelPath(PROFILE, true),
                Map.of("Authorization", "Bearer direct"), CONVERSE_BODY);
    }

    /** The gateway's Bedrock-wire ConverseStream for the tenant holding {@code apiKey}, named {@code label}. */
    static Target gatewayWireStream(String system, String label, int port, String apiKey) {
        return Target.post(system, label, true, port, modelPath(MODEL, true),
                Map.of("Authorization", "Bearer " + apiKey), CONVERSE_BODY);
    }

    /** The gateway's OpenAI chat completion for the tenant holding {@code apiKey}, named {@code label}. */
    static Target gatewayOpenAi(String system, String label, int port, String apiKey, boolean stream) {
        return Target.post(system, label, stream, port, "/v1/chat/completions",
                Map.of("Authorization", "Bearer " + apiKey), openAiBody(MODEL, stream));
    }

    /** Portkey's Bedrock provider with its custom host pointed at the fake, signing with SigV4 as the gateway does. */
    static Target portkey(int port, int fakePort, boolean stream) {
        return Target.post("portkey", "openai", stream, port, "/v1/chat/completions", Map.of(
                "x-portkey-provider", "bedrock",
                "x-portkey-custom-host", "http://127.0.0.1:" + fakePort,
                "x-portkey-aws-region", "us-east-1",
                "x-portkey-aws-access-key-id", "AKIDBENCHMARK",
                "x-portkey-aws-secret-access-key", "bench-secret"), openAiBody(PROFILE, stream));
    }
}
