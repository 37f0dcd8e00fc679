package dev.bedrockgateway.observability;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps every sampled span that ends, beside the exporter Spring Boot configures: imported as a bean, it is a
 * span processor, and Spring Boot adds every {@link SpanProcessor} bean to the tracer provider. Not a component,
 * so only the contexts that import it have it ({@code ConfiguredGateway}'s does, for the tracing tests).
 */
public final class RecordedSpans implements SpanProcessor {

    private final Queue<SpanData> ended = new ConcurrentLinkedQueue<>();

    /** The spans ended so far, oldest first. */
    public List<SpanData> ended() {
        return List.copyOf(ended);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // Never called: isStartRequired() is false, since only ended spans are recorded.
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
