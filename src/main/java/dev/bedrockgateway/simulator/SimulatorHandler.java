package dev.bedrockgateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers every request the way Bedrock Runtime would: record, route on the raw path, apply a
 * configured fault, validate, then reply. Runs on the server's executor threads, never the accept thread.
 */
final class SimulatorHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(SimulatorHandler.class);

    /** The namespace real Bedrock appends to {@code x-amzn-ErrorType}; SDKs keep only the part before ':'. */
    private static final String ERROR_TYPE_NAMESPACE = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    private final SimulatorState state;
    private final JsonMapper json;
    private final ConverseValidator validator;
    private final CapabilityRules capabilities;
    private final ResponsesEndpointResponder openAiResponses;
    private final ConverseResponder responder;
    private final IdentityResponder identity;
    private final ConverseStreamResponder streamer;
    private final InvokeModelResponder invoker;
    private final CountTokensResponder tokenCounter;

    SimulatorHandler(SimulatorState state, JsonMapper json) {
        this.state = state;
        this.json = json;
        this.validator = new ConverseValidator(json);
        this.capabilities = new CapabilityRules(json);
        this.openAiResponses = new ResponsesEndpointResponder(json);
        this.responder = new ConverseResponder(json, state);
        this.identity = new IdentityResponder(state, json);
        EventStreamSender sender = new EventStreamSender(json, state);
        this.streamer = new ConverseStreamResponder(json, sender);
        this.invoker = new InvokeModelResponder(json, validator, responder, streamer, sender);
        this.tokenCounter = new CountTokensResponder(json, validator, invoker);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long startNanos = System.nanoTime();
        boolean dropped = false;
        try {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ModelPath path = ModelPath.parse(rawPath);
            String identityOperation = IdentityResponder.operation(method, rawPath, body);
            // Recorded first, so tests can inspect requests that are then failed or rejected.
            RecordedRequest recorded = new RecordedRequest(
                    method,
                    rawPath,
                    path != null ? path.operation() : identityOperation,
                    path == null ? null : path.modelId(),
                    exchange.getRequestHeaders(),
                    body);
            state.record(recorded);
            waitForConfiguredDelay();
            try {
                if (IdentityResponder.ASSUME_ROLE.equals(identityOperation)) {
                    sendXml(exchange, identity.assumeRole(body));
                    return;
                }
                if (IdentityResponder.GET_ROLE_CREDENTIALS.equals(identityOperation)) {
                    send(
                            exchange,
                            200,
                            json.writeValueAsBytes(identity.roleCredentials(
                                    exchange.getRequestURI().getRawQuery(),
                                    exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token"))),
                            null);
                    return;
                }
                if ("/v1/responses".equals(rawPath) && "POST".equalsIgnoreCase(method)) {
                    respondOpenAiStyle(exchange, body);
                    return;
                }
                if (path == null) {
                    send(exchange, 200, json.writeValueAsBytes(control(method, rawPath, exchange)), null);
                    return;
                }
                answer(exchange, method, path, rawPath, body, recorded.signingRegion(), startNanos);
            } catch (FaultException e) {
                sendFault(exchange, e.fault());
            } catch (ConnectionDrop drop) {
                dropped = true;
                throw drop;
            } catch (RuntimeException e) {
                // A simulator bug must surface as a 500 the caller sees, not as a hung connection.
                log.error("Bedrock simulator failed to answer {} {}", method, rawPath, e);
                sendFault(exchange, SimulatorFault.internalServer("Simulator failure: " + e));
            }
        } finally {
            // Closing would end the answer properly (the last chunk); a dropped connection must not get one. The
            // server closes the connection of a handler that throws, mid-answer.
            if (!dropped) {
                exchange.close();
            }
        }
    }

    /** The control-plane calls: ListInferenceProfiles and ListFoundationModels. */
    private ObjectNode control(String method, String rawPath, HttpExchange exchange) {
        if ("/foundation-models".equals(rawPath) && "GET".equalsIgnoreCase(method)) {
            SimulatorFault down = state.inferenceProfilesFault();
            if (down != null) {
                throw new FaultException(down);
            }
            return capabilities.foundationModels();
        }
        if ("/inference-profiles".equals(rawPath) && "GET".equalsIgnoreCase(method)) {
            SimulatorFault down = state.inferenceProfilesFault();
            if (down != null) {
                throw new FaultException(down);
            }
            return InferenceProfilesResponder.page(
                    json, state.inferenceProfiles(), exchange.getRequestURI().getRawQuery());
        }
        throw unknownOperation(method, rawPath);
    }

    /** Answers one of the Bedrock Runtime operations on {@code /model/{modelId}/...}. */
    private void answer(
            HttpExchange exchange,
            String method,
            ModelPath path,
            String rawPath,
            String body,
            @Nullable String region,
            long startNanos)
            throws IOException {
        SimulatorOperation operation = SimulatorOperation.forPathSegment(path.operation());
        if (operation == null) {
            throw unknownOperation(method, rawPath);
        }
        // A configured fault stands in for whatever Bedrock would have done with this model, so it applies
        // before validation; for the streaming operations that means before the stream starts.
        SimulatorFault fault = state.faultFor(region, path.modelId(), operation);
        if (fault != null) {
            throw new FaultException(fault);
        }
        if (!"POST".equalsIgnoreCase(method)) {
            throw new FaultException(new SimulatorFault(
                    "MethodNotAllowedException",
                    405,
                    "The HTTP method " + method + " is not allowed for " + rawPath + ". Use POST."));
        }
        String modelId = path.modelId();
        switch (operation) {
            case CONVERSE, CONVERSE_STREAM -> {
                ObjectNode request = validator.validate(modelId, body);
                capabilities.check(modelId, request, operation == SimulatorOperation.CONVERSE_STREAM);
                ObjectNode reply = responder.respond(modelId, request, elapsedMs(startNanos));
                if (operation == SimulatorOperation.CONVERSE_STREAM) {
                    streamer.stream(exchange, modelId, reply);
                } else {
                    send(exchange, 200, json.writeValueAsBytes(reply), null);
                }
            }
            case INVOKE_MODEL -> {
                InvokeModelResponder.Invoked invoked =
                        invoker.invoke(modelId, exchange.getRequestHeaders(), body, startNanos);
                invoked.headers().forEach(exchange.getResponseHeaders()::set);
                send(exchange, 200, invoked.body(), null);
            }
            case INVOKE_MODEL_WITH_RESPONSE_STREAM -> invoker.stream(exchange, modelId, body, startNanos);
            case COUNT_TOKENS -> send(exchange, 200, json.writeValueAsBytes(tokenCounter.count(modelId, body)), null);
        }
    }

    private static long elapsedMs(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static FaultException unknownOperation(String method, String rawPath) {
        return new FaultException(new SimulatorFault(
                "UnknownOperationException",
                404,
                "The Bedrock simulator does not implement " + method + " " + rawPath));
    }

    private void waitForConfiguredDelay() {
        Duration delay = state.delay();
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            // Interrupted only when the simulator is closing; answer right away and keep the flag.
            Thread.currentThread().interrupt();
        }
    }

    private static void sendXml(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Bedrock's OpenAI-compatible Responses endpoint, which answers errors in OpenAI's shape. */
    private void respondOpenAiStyle(HttpExchange exchange, String body) throws IOException {
        try {
            send(exchange, 200, json.writeValueAsBytes(openAiResponses.respond(validator.parseObject(body))), null);
        } catch (FaultException e) {
            ObjectNode error = json.createObjectNode();
            error.putObject("error")
                    .put("message", e.fault().message())
                    .put("type", "invalid_request_error")
                    .put("code", e.fault().errorType());
            send(exchange, e.fault().status(), json.writeValueAsBytes(error), null);
        }
    }

    private void sendFault(HttpExchange exchange, SimulatorFault fault) throws IOException {
        ObjectNode body = json.createObjectNode().put("message", fault.message());
        send(exchange, fault.status(), json.writeValueAsBytes(body), fault.errorType());
    }

    private static void send(HttpExchange exchange, int status, byte[] body, @Nullable String errorType)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            headers.set("x-amzn-ErrorType", errorType + ERROR_TYPE_NAMESPACE);
        }
        if (status == 405) {
            headers.set("Allow", "POST");
        }
        if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
            // A HEAD answer must not have a body; the JDK server rejects bytes written to it.
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
