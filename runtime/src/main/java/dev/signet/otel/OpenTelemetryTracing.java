package dev.signet.otel;

import dev.signet.Exchange;
import dev.signet.Interceptor;
import dev.signet.ModelCall;
import dev.signet.PredictorCall;
import dev.signet.PredictorListener;
import dev.signet.Signet;
import dev.signet.internal.Futures;
import dev.signet.internal.Json;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LmOptions;
import dev.signet.lm.Message;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry spans for Signet, following the GenAI semantic conventions: one {@code predict {name}} span per
 * predictor call, and under it one {@code chat {model}} client span per model call ({@code gen_ai.operation.name},
 * {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code gen_ai.response.model},
 * {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens}, {@code gen_ai.response.finish_reasons},
 * {@code error.type}). The spans nest by call, not by thread: a model call's span is a child of its predictor's,
 * for blocking and asynchronous calls alike, and a ReAct step's predictor span a child of the ReAct call's. Prompt
 * and completion text are recorded only when asked for; without it, no span carries any (an error's status says
 * only its type).
 *
 * <p>This is the only class that needs the OpenTelemetry API, an optional dependency: add
 * {@code io.opentelemetry:opentelemetry-api} to use it; without it, the rest of Signet works as before.
 *
 * <pre>{@code
 * Signet traced = OpenTelemetryTracing.create(openTelemetry).instrument(signet);
 * }</pre>
 */
public final class OpenTelemetryTracing implements PredictorListener, Interceptor {
    private static final String SCOPE = "dev.signet";
    private static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");

    private final Tracer tracer;
    private final boolean captureContent;
    private final Map<Long, Span> open = new ConcurrentHashMap<>();

    private OpenTelemetryTracing(Tracer tracer, boolean captureContent) {
        this.tracer = tracer;
        this.captureContent = captureContent;
    }

    /** Tracing without message content. */
    public static OpenTelemetryTracing create(OpenTelemetry openTelemetry) {
        return create(openTelemetry, false);
    }

    /**
     * @param captureContent whether spans carry the prompt and completion text ({@code gen_ai.input.messages},
     *     {@code gen_ai.output.messages}) and errors their messages; off by default, as they may hold personal data
     */
    public static OpenTelemetryTracing create(OpenTelemetry openTelemetry, boolean captureContent) {
        return new OpenTelemetryTracing(openTelemetry.getTracer(SCOPE), captureContent);
    }

    /**
     * @return a handle like {@code signet} whose predictor calls and model calls make spans; the tracing link comes
     *     first, so that every model call is traced, cache hits included; after a router (a {@code Fallback} or
     *     {@code RoundRobin}), if the handle has one, so that each model it tries is a span of its own
     */
    public Signet instrument(Signet signet) {
        return signet.withObservingInterceptor(this).withListener(this);
    }

    @Override
    public void onStart(long callId, long parentCallId, String predictorName, Map<String, Object> inputs) {
        Span parent = parentCallId == 0 ? null : open.get(parentCallId);
        SpanBuilder span = tracer.spanBuilder("predict " + predictorName)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("signet.predictor.name", predictorName);
        if (parent != null) {
            span.setParent(Context.current().with(parent));
        }
        open.put(callId, span.startSpan());
    }

    @Override
    public void onCall(PredictorCall call) {
        Span span = open.remove(call.callId());
        if (span == null) {
            return;
        }
        span.setAttribute("gen_ai.usage.input_tokens", call.usage().promptTokens());
        span.setAttribute("gen_ai.usage.output_tokens", call.usage().completionTokens());
        span.setAttribute("signet.attempts", call.attempts().size());
        span.setAttribute("signet.module", call.module());
        if (call.error() != null) {
            fail(span, call.error());
        }
        span.end();
    }

    @Override
    public CompletableFuture<Exchange> intercept(Chain chain) {
        ModelCall call = chain.call();
        long started = System.nanoTime();
        Span span = start(call);
        CompletableFuture<Exchange> exchange;
        try {
            exchange = chain.proceed(call);
        } catch (RuntimeException e) {
            end(span, null, e);
            throw e;
        }
        return exchange.whenComplete((done, failure) -> {
            if (call.streaming()) {
                streamed(span, call, started);
            }
            end(span, done, failure);
        });
    }

    /**
     * A streamed call's time to its first token: the {@code signet.time_to_first_token} attribute (seconds, from
     * the span's start) and a {@code gen_ai.first_token} event at that moment.
     */
    private static void streamed(Span span, ModelCall call, long started) {
        span.setAttribute("signet.streamed", true);
        call.firstTextNanos().ifPresent(first -> {
            long fromStart = Math.max(0, first - started);
            span.setAttribute("signet.time_to_first_token", fromStart / 1e9);
            long epochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())
                    - (System.nanoTime() - first);
            span.addEvent("gen_ai.first_token", epochNanos, TimeUnit.NANOSECONDS);
        });
    }

    private Span start(ModelCall call) {
        String model = call.model().orElse(null);
        SpanBuilder builder = tracer.spanBuilder(model == null ? "chat" : "chat " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("signet.predictor.name", call.predictorName())
                .setAttribute("signet.attempt", call.kind().name().toLowerCase(Locale.ROOT));
        Span parent = open.get(call.callId());
        if (parent != null) {
            builder.setParent(Context.current().with(parent));
        }
        String provider = call.languageModelId();
        int colon = provider.indexOf(':');
        builder.setAttribute("gen_ai.provider.name", colon > 0 ? provider.substring(0, colon) : provider);
        if (model != null) {
            builder.setAttribute("gen_ai.request.model", model);
        }
        LmOptions options = call.request().options();
        if (options.temperature() != null) {
            builder.setAttribute("gen_ai.request.temperature", options.temperature());
        }
        if (options.maxTokens() != null) {
            builder.setAttribute("gen_ai.request.max_tokens", (long) options.maxTokens());
        }
        if (options.seed() != null) {
            builder.setAttribute("gen_ai.request.seed", options.seed());
        }
        Span span = builder.startSpan();
        if (captureContent) {
            span.setAttribute("gen_ai.input.messages", messagesJson(call.request().messages()));
        }
        return span;
    }

    private void end(Span span, Exchange exchange, Throwable failure) {
        if (exchange != null) {
            Completion completion = exchange.completion();
            span.setAttribute("gen_ai.response.model", completion.model());
            span.setAttribute("gen_ai.usage.input_tokens", completion.usage().promptTokens());
            span.setAttribute("gen_ai.usage.output_tokens", completion.usage().completionTokens());
            if (completion.usage().cachedPromptTokens() > 0) { // part of the input tokens, as the convention has it
                span.setAttribute("gen_ai.usage.cache_read.input_tokens", completion.usage().cachedPromptTokens());
            }
            if (completion.usage().reasoningTokens() > 0) { // part of the output tokens
                span.setAttribute("signet.usage.reasoning_tokens", completion.usage().reasoningTokens());
            }
            span.setAttribute("signet.cache_hit", completion.cached());
            if (completion.finishReason() != null) {
                span.setAttribute(FINISH_REASONS, List.of(completion.finishReason()));
            }
            if (captureContent) {
                span.setAttribute("gen_ai.output.messages",
                        messagesJson(List.of(Message.assistant(completion.text()))));
            }
        }
        if (failure != null) {
            fail(span, Futures.unwrap(failure));
        }
        span.end();
    }

    /** An error's type on the span; its message (which may quote the reply) only when content is captured. */
    private void fail(Span span, Throwable error) {
        String type = error.getClass().getName();
        span.setAttribute("error.type", type);
        if (error instanceof LanguageModelException lm) {
            span.setAttribute("signet.error.kind", lm.kind().name());
        }
        span.setStatus(StatusCode.ERROR, captureContent ? String.valueOf(error.getMessage()) : type);
    }

    private static String messagesJson(List<Message> messages) {
        var array = Json.NODES.arrayNode();
        for (Message message : messages) {
            var node = array.addObject().put("role", message.role().wireName());
            node.putArray("parts").addObject().put("type", "text").put("content", message.content());
        }
        return array.toString();
    }

    @Override
    public String toString() {
        return "OpenTelemetryTracing";
    }
}
