package dev.bedrockgateway.observability;

import ch.qos.logback.classic.LoggerContext;
import dev.bedrockgateway.chat.TokenUsage;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.stereotype.Component;

/**
 * Writes one line per chat request to the {@code dev.bedrockgateway.access} logger: a readable message, and
 * the same facts as key-value pairs that Spring Boot's structured (JSON) logging writes as fields. Never a
 * prompt, an answer, a key or a credential: {@link CallRecord} holds none.
 */
@Component
public class AccessLog implements AutoCloseable {

    static final String LOGGER_NAME = "dev.bedrockgateway.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final @Nullable AsyncAccessLog async;

    /** The access log, written off the request thread where Logback writes the logs (Spring Boot's default). */
    public AccessLog() {
        this.async = LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                ? new AsyncAccessLog(context, LOGGER_NAME)
                : null;
    }

    /** Flushes queued lines and writes synchronously again. */
    @Override
    public void close() {
        if (async != null) {
            async.close();
        }
    }

    /** Logs one finished request. */
    public void write(CallRecord call) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(call.durationNanos());
        TokenUsage usage = call.usage();
        LoggingEventBuilder event = LOG.atInfo()
                .addKeyValue("request_id", call.requestId())
                .addKeyValue("method", call.method())
                .addKeyValue("path", call.path())
                .addKeyValue("status", call.status())
                .addKeyValue("tenant", call.tenant())
                .addKeyValue("api", call.api())
                .addKeyValue("stream", call.stream())
                .addKeyValue("outcome", call.outcome().tag())
                .addKeyValue("latency_ms", millis);
        if (call.requestedModel() != null) {
            event = event.addKeyValue("model", call.requestedModel());
        }
        if (call.bedrockModelId() != null) {
            event = event.addKeyValue("bedrock_model", call.bedrockModelId());
        }
        if (usage != null) {
            event = event.addKeyValue("input_tokens", usage.inputTokens())
                    .addKeyValue("output_tokens", usage.outputTokens());
        }
        if (call.costUsd() != null) {
            event = event.addKeyValue("cost_usd", call.costUsd());
        }
        if (call.errorCode() != null) {
            event = event.addKeyValue("error_code", call.errorCode());
        }
        if (call.timeToFirstTokenNanos() >= 0) {
            event = event.addKeyValue("ttft_ms", TimeUnit.NANOSECONDS.toMillis(call.timeToFirstTokenNanos()));
        }
        if (call.traceId() != null) {
            event = event.addKeyValue("trace_id", call.traceId());
        }
        if (call.upstreamErrorType() != null) {
            event = event.addKeyValue("upstream_error", call.upstreamErrorType());
        }
        if (call.attempts() > 0) {
            event = event.addKeyValue("attempts", call.attempts());
        }
        if (!call.fallbacks().isEmpty()) {
            event = event.addKeyValue("fallbacks", call.fallbackPath());
        }
        if (call.target() != null) {
            event = event.addKeyValue("target", call.target());
        }
        if (call.serviceTier() != null) {
            event = event.addKeyValue("service_tier", call.serviceTier());
        }
        event.log(
                "{} {} {} {}ms request_id={} tenant={} api={} model={} bedrock_model={} stream={} outcome={} "
                        + "input_tokens={} output_tokens={} cost_usd={} attempts={} fallbacks={} target={} service_tier={} trace_id={}",
                call.method(),
                call.path(),
                call.status(),
                millis,
                call.requestId(),
                call.tenant(),
                call.api(),
                call.requestedModel(),
                call.bedrockModelId(),
                call.stream(),
                call.outcome().tag(),
                usage == null ? "-" : usage.inputTokens(),
                usage == null ? "-" : usage.outputTokens(),
                call.costUsd() == null ? "-" : String.format(java.util.Locale.ROOT, "%.6f", call.costUsd()),
                call.attempts() == 0 ? "-" : call.attempts(),
                call.fallbackPath(),
                call.target() == null ? "-" : call.target(),
                call.serviceTier() == null ? "-" : call.serviceTier(),
                call.traceId() == null ? "-" : call.traceId());
    }
}
