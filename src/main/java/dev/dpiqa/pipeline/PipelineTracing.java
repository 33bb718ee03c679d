package dev.dpiqa.pipeline;

import dev.dpiqa.pipeline.event.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One upload, one trace: the pipeline's spans continue the trace context the upload came with (its CloudEvents
 * {@code traceparent} and {@code tracestate} extensions), and every event it writes carries its span's context on.
 * The batches and thread hops of the pipeline are invisible to Kafka's own instrumentation, so this is done here,
 * and the connector's tracing is off. With no exporter configured the spans are not recorded, yet the context
 * still passes through unchanged.
 */
@ApplicationScoped
public class PipelineTracing {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> EXTENSIONS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public PipelineTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The context {@code event} was sent in (its trace extensions); the root context when it names none. */
    public Context contextOf(CloudEvent event) {
        return W3C.extract(Context.root(), event.extensions(), EXTENSIONS);
    }

    /** A span under {@code parent}; the caller ends it. */
    public Span start(String name, SpanKind kind, Context parent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** A span under {@code parent} around {@code work}, ended (failed if the work fails) when its result is in. */
    public <T> CompletableFuture<T> within(String name, SpanKind kind, Context parent,
                                           Function<Span, CompletableFuture<T>> work) {
        Span span = start(name, kind, parent);
        CompletableFuture<T> result;
        try {
            result = work.apply(span);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((value, failure) -> {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        });
    }

    /** {@code event} carrying {@code span}'s context, so whoever consumes it continues this trace. */
    public CloudEvent carrying(CloudEvent event, Span span) {
        Map<String, String> context = new LinkedHashMap<>();
        W3C.inject(Context.root().with(span), context, Map::put);
        return event.withExtensions(context);
    }
}
