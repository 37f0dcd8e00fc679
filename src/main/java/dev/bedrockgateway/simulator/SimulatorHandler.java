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
    private final ConverseResponder responder;
    private final IdentityResponder identity;
    private final ConverseStreamResponder streamer;

    SimulatorHandler(SimulatorState state, JsonMapper json) {
        this.state = state;
        this.json = json;
        this.validator = new ConverseValidator(json);
        this.responder = new ConverseResponder(json, state);
        this.identity = new IdentityResponder(state, json);
        this.streamer = new ConverseStreamResponder(json, new EventStreamSender(json, state));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long startNanos = System.nanoTime();
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ModelPath path = ModelPath.parse(rawPath);
            String identityOperation = IdentityResponder.operation(method, rawPath, body);
            // Recorded first, so tests can inspect requests that are then failed or rejected.
            state.record(new RecordedRequest(
                    method,
                    rawPath,
                    path != null ? path.operation() : identityOperation,
                    path == null ? null : path.modelId(),
                    exchange.getRequestHeaders(),
                    body));
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
                ObjectNode reply =
                        answer(method, path, rawPath, exchange.getRequestURI().getRawQuery(), body, startNanos);
                if (path != null && "converse-stream".equals(path.operation())) {
                    streamer.stream(exchange, path.modelId(), reply);
                    return;
                }
                send(exchange, 200, json.writeValueAsBytes(reply), null);
            } catch (FaultException e) {
                sendFault(exchange, e.fault());
            } catch (RuntimeException e) {
                // A simulator bug must surface as a 500 the caller sees, not as a hung connection.
                log.error("Bedrock simulator failed to answer {} {}", method, rawPath, e);
                sendFault(exchange, SimulatorFault.internalServer("Simulator failure: " + e));
            }
        }
    }

    private ObjectNode answer(
            String method,
            @Nullable ModelPath path,
            String rawPath,
            @Nullable String query,
            String body,
            long startNanos) {
        if (path == null && "/inference-profiles".equals(rawPath) && "GET".equalsIgnoreCase(method)) {
            return InferenceProfilesResponder.page(json, state.inferenceProfiles(), query);
        }
        if (path == null) {
            throw unknownOperation(method, rawPath);
        }
        // A configured fault stands in for whatever Bedrock would have done with this model, whatever the
        // operation, so it applies before routing to a specific operation and before validation.
        SimulatorFault fault = state.faultFor(path.modelId());
        if (fault != null) {
            throw new FaultException(fault);
        }
        if (!"converse".equals(path.operation()) && !"converse-stream".equals(path.operation())) {
            throw unknownOperation(method, rawPath);
        }
        if (!"POST".equalsIgnoreCase(method)) {
            throw new FaultException(new SimulatorFault(
                    "MethodNotAllowedException",
                    405,
                    "The HTTP method " + method + " is not allowed for " + rawPath + ". Use POST."));
        }
        ObjectNode request = validator.validate(path.modelId(), body);
        long latencyMs = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        return responder.respond(path.modelId(), request, latencyMs);
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
