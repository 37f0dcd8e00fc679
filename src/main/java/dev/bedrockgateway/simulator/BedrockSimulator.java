package dev.bedrockgateway.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-process Bedrock Runtime simulator (Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream
 * and CountTokens over real HTTP).
 *
 * <p>Serves {@code POST /model/{modelId}/converse}, {@code /converse-stream}, {@code /invoke},
 * {@code /invoke-with-response-stream} and {@code /count-tokens} (see {@link SimulatorOperation}) on a loopback
 * port with the wire format of real Bedrock (rest-json, event-stream frames, {@code x-amzn-ErrorType} errors), so
 * an unmodified AWS SDK v2 client pointed at {@link #endpoint()} with {@code endpointOverride} and dummy
 * credentials works against it. Signatures are never verified.
 *
 * <p>Replies are deterministic: the text is {@code "Simulated reply to: "} plus the text blocks of the
 * last user message joined by one space ({@code "Simulated reply."} if it has none); token counts are
 * whitespace-separated word counts (input: all message and system text; output: the reply). A matching
 * {@code inferenceConfig.stopSequences} entry cuts the reply before it ({@code stop_sequence}), then a
 * smaller {@code maxTokens} keeps only that many words ({@code max_tokens}); otherwise {@code end_turn}.
 * Requested {@code additionalModelResponseFieldPaths} are echoed under
 * {@code additionalModelResponseFields.requestedPaths}.
 *
 * <p>Beyond text, the simulator validates and answers tool use (with a {@code toolConfig}, tools named in
 * the last user text, or forced by {@code toolChoice}, are called with inputs generated from their
 * schemas; tool results are acknowledged by id), images and documents in user messages (100 input
 * tokens each), extended thinking for model ids containing {@code anthropic.}
 * ({@code additionalModelRequestFields.thinking}: a reasoning block with a deterministic signature comes
 * first), prompt caching (cache points make the first request with a prefix write it and later ones
 * read it) and guardrail interventions without output ({@link #answerWithoutOutput}). The exact rules are documented on the package-private
 * {@code ConverseResponder}, {@code ToolCallPlanner}, {@code TokenCounter} and {@code PromptCache}.
 *
 * <p>InvokeModel and InvokeModelWithResponseStream take the provider's own body for Anthropic Claude (model
 * ids, profile ids and ARNs containing {@code anthropic.}: the Messages API with {@code anthropic_version}
 * {@code bedrock-2023-05-31}) and Amazon Nova (containing {@code amazon.nova-}: {@code messages-v1}); the body is
 * answered as the equivalent Converse request would be, in the provider's shape ({@code InvokeModelResponder}).
 * CountTokens counts an InvokeModel body or a Converse input for base Claude model ids the way those
 * operations count their input ({@code CountTokensResponder}).
 *
 * <p><strong>Client setup:</strong> the async SDK client defaults Bedrock Runtime to HTTP/2, which over
 * plain {@code http://} becomes h2c prior knowledge; the JDK server used here speaks only HTTP/1.1, so
 * the call fails with "First received frame was not SETTINGS". Give the client
 * {@code NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)}.
 *
 * <p>Used by the gateway's {@code local} profile (run without AWS) and by tests, which can inspect
 * {@link #received() what arrived}, inject {@link #failRequestsFor faults} and {@link #delayResponses
 * delays}. Instances are independent and thread-safe.
 */
public final class BedrockSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BedrockSimulator.class);

    /**
     * Upper bound on concurrent requests. Generous for tests and local use, but bounded so that a
     * runaway load test cannot exhaust the JVM's threads; excess requests queue instead of failing.
     */
    private static final int MAX_THREADS = 64;

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatorState state;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BedrockSimulator(HttpServer server, ExecutorService executor, SimulatorState state) {
        this.server = server;
        this.executor = executor;
        this.state = state;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts a simulator bound to 127.0.0.1.
     *
     * @param port the port to listen on, or 0 for a random free port
     * @return the running simulator; close it to stop the server
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static BedrockSimulator start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        enableTcpNoDelay();
        SimulatorState state = new SimulatorState();
        ThreadPoolExecutor executor = newExecutor();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(loopback(), port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot start the Bedrock simulator on 127.0.0.1:" + port, e);
        }
        server.createContext(
                "/", new SimulatorHandler(state, JsonMapper.builder().build()));
        // Handlers run on the pool, so a delayed reply never holds up the server's accept/dispatch thread.
        server.setExecutor(executor);
        server.start();
        BedrockSimulator simulator = new BedrockSimulator(server, executor, state);
        // WARN, not INFO: someone running the gateway must not mistake simulated answers for Bedrock's.
        log.warn("Bedrock SIMULATOR listening on {} - replies are simulated, no AWS call is made", simulator.endpoint);
        return simulator;
    }

    /** The base URI to give the SDK as {@code endpointOverride}: {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A snapshot of every request received since start or the last {@link #reset()}, in arrival order. */
    public List<RecordedRequest> received() {
        return state.received();
    }

    /**
     * The most recent request.
     *
     * @throws IllegalStateException if nothing has been received since start or the last reset
     */
    public RecordedRequest lastReceived() {
        List<RecordedRequest> all = state.received();
        if (all.isEmpty()) {
            throw new IllegalStateException("The Bedrock simulator has not received any request");
        }
        return all.get(all.size() - 1);
    }

    /**
     * Makes every request for this model id (compared after percent-decoding, so pass the plain id or
     * ARN), whatever the operation, answer with {@code fault} until {@link #reset()}. A later call for the
     * same id replaces it. The fault is answered before the request is validated or routed, as an HTTP
     * error (for the streaming operations: before the stream starts). The one exception:
     * {@link SimulatorFault#onDemandNotSupported} does not apply to CountTokens, which runs no model.
     */
    public void failRequestsFor(String modelId, SimulatorFault fault) {
        state.failRequestsFor(modelId, null, fault);
    }

    /** Like {@link #failRequestsFor(String, SimulatorFault)}, for the next {@code times} requests only. */
    public void failRequestsFor(String modelId, SimulatorFault fault, int times) {
        state.failRequestsFor(modelId, null, fault, times);
    }

    /**
     * Like {@link #failRequestsFor(String, SimulatorFault)}, for one operation only: other operations on
     * the model still answer. A fault for the operation wins over one for the whole model.
     */
    public void failRequestsFor(String modelId, SimulatorOperation operation, SimulatorFault fault) {
        state.failRequestsFor(modelId, Objects.requireNonNull(operation, "operation"), fault);
    }

    /** Like {@link #failRequestsFor(String, SimulatorOperation, SimulatorFault)}, for the next {@code times} only. */
    public void failRequestsFor(String modelId, SimulatorOperation operation, SimulatorFault fault, int times) {
        state.failRequestsFor(modelId, Objects.requireNonNull(operation, "operation"), fault, times);
    }

    /**
     * Makes the control plane's ListInferenceProfiles (catalog discovery) answer with {@code fault} until
     * {@link #reset()}, while Bedrock Runtime keeps answering: a discovery outage.
     */
    public void failInferenceProfiles(SimulatorFault fault) {
        state.failInferenceProfiles(Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Makes every stream of this model (ConverseStream, InvokeModelWithResponseStream) stall: its 200 and headers go
     * out at once, then nothing for {@code stall} before its first event, as a model that hangs does.
     */
    public void stallStreamsFor(String modelId, Duration stall) {
        state.stallStreamsFor(modelId, stall);
    }

    /**
     * Makes every stream of this model lose its connection after {@code afterDeltas} deltas: the connection closes
     * mid-answer, without the stream's end, as when a network path or Bedrock's front end drops it.
     */
    public void dropStreamsFor(String modelId, int afterDeltas) {
        if (afterDeltas < 1) {
            throw new IllegalArgumentException("afterDeltas must be at least 1: " + afterDeltas);
        }
        state.dropStreamsFor(modelId, afterDeltas);
    }

    /**
     * Makes every Bedrock Runtime request signed for this region (the SigV4 credential scope's, so one simulator
     * can stand for several regions and accounts), whatever the model or operation, answer with {@code fault} until
     * {@link #reset()}: a region that throttles or is down. It wins over faults by model.
     */
    public void failRegion(String region, SimulatorFault fault) {
        state.failRegion(region, fault, -1);
    }

    /** Like {@link #failRegion(String, SimulatorFault)}, for the next {@code times} requests to the region only. */
    public void failRegion(String region, SimulatorFault fault, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        state.failRegion(region, fault, times);
    }

    /**
     * How long credentials from the fake STS AssumeRole stay valid (default one hour). Short validities
     * make the SDK's providers refresh, which tests use to prove refreshing works.
     */
    public void issueStsCredentialsValidFor(Duration validity) {
        state.stsCredentialValidity(validity);
    }

    /**
     * Makes ConverseStream and InvokeModelWithResponseStream answers for this model end, after
     * {@code afterDeltas} deltas of any kind (text, tool input, reasoning; for InvokeModelWithResponseStream the
     * chunks holding a content block delta), with an exception frame for the fault, as Bedrock reports errors
     * once a stream has started: {@code :exception-type} is the fault's error type in lower camel case, such as
     * {@code throttlingException} or {@code modelStreamErrorException} ({@link SimulatorFault#modelStreamError}).
     * With fewer deltas in the answer, the exception follows the last one.
     */
    public void failStreamsFor(String modelId, int afterDeltas, SimulatorFault fault) {
        state.failStreamsFor(modelId, afterDeltas, fault);
    }

    /**
     * Makes Converse and ConverseStream answers for this model a guardrail intervention that produced no
     * output, until {@link #reset()}: Converse answers 200 with no {@code output} member, stop reason
     * {@code guardrail_intervened}, usage and metrics; ConverseStream sends messageStart, messageStop
     * and metadata with no content block in between. Invalid requests are still rejected first.
     */
    public void answerWithoutOutput(String modelId) {
        state.answerWithoutOutput(modelId);
    }

    /** Pauses before each streamed delta, to simulate a slow model. */
    public void delayStreamDeltas(Duration delay) {
        state.streamDeltaDelay(delay);
    }

    /** Model IDs of streams whose caller went away before the stream ended, in order. */
    public List<String> cancelledStreams() {
        return state.cancelledStreams();
    }

    /** Makes every reply, errors included, wait this long before it is sent. {@link Duration#ZERO} turns it off. */
    public void delayResponses(Duration delay) {
        state.delay(delay);
    }

    /**
     * Makes the control-plane call ListInferenceProfiles ({@code GET /inference-profiles}) list these
     * system-defined inference-profile IDs, two per page so that callers' pagination is always exercised.
     */
    public void serveInferenceProfiles(List<String> profileIds) {
        state.inferenceProfiles(profileIds);
    }

    /**
     * Clears recorded requests, configured faults, delays, the served inference profiles, no-output models
     * and the prompt-cache history.
     */
    public void reset() {
        state.reset();
    }

    /** Stops the server at once and its worker threads; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            // Interrupts workers still sleeping in a configured delay so close() does not wait for them.
            executor.shutdownNow();
            log.info("Bedrock simulator on {} stopped", endpoint);
        }
    }

    private static ThreadPoolExecutor newExecutor() {
        // Per-instance counter: thread names stay readable without any static mutable state.
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "bedrock-simulator-" + threadNumber.incrementAndGet());
                    // Daemon: worker threads alone never keep the JVM alive (close() still stops the server).
                    thread.setDaemon(true);
                    return thread;
                });
        // Idle threads die off, so a quiet simulator holds no threads beyond the server's own.
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * The JDK server writes response headers and body as separate small TCP segments; with Nagle's
     * algorithm on, the body then waits for the client's delayed ACK (about 40 ms on Linux) on every
     * request. The JDK offers no per-server switch, only this JVM-wide property, read once when its
     * config class loads; so it is set only if nobody chose a value. If an HttpServer already started
     * in this JVM, it has no effect and replies are just slower.
     */
    private static void enableTcpNoDelay() {
        System.getProperties().putIfAbsent(NO_DELAY_PROPERTY, "true");
    }

    /** 127.0.0.1 explicitly, not "localhost", so the bound address always matches {@link #endpoint()}. */
    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is always a valid address", e);
        }
    }
}
