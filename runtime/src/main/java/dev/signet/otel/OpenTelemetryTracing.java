package dev.signet.otel;

import dev.signet.PredictorCall;
import dev.signet.PredictorListener;
import dev.signet.Signet;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import dev.signet.openai.OpenAiLanguageModel;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenTelemetry spans for Signet, following the GenAI semantic conventions: one {@code chat {model}} client
 * span per language-model call ({@code gen_ai.operation.name}, {@code gen_ai.request.model},
 * {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens},
 * {@code gen_ai.response.finish_reasons}, {@code error.type}) and one {@code predict {name}} span per predictor
 * call. Prompt and completion text are recorded only when asked for.
 *
 * <p>This is the only class that needs the OpenTelemetry API, an optional dependency: add
 * {@code io.opentelemetry:opentelemetry-api} to use it; without it, the rest of Signet works as before.
 *
 * <pre>{@code
 * Signet traced = OpenTelemetryTracing.create(openTelemetry).instrument(signet);
 * }</pre>
 */
public final class OpenTelemetryTracing implements PredictorListener {
    private static final String SCOPE = "dev.signet";

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
     *     {@code gen_ai.output.messages}); off by default, as they may hold personal data
     */
    public static OpenTelemetryTracing create(OpenTelemetry openTelemetry, boolean captureContent) {
        return new OpenTelemetryTracing(openTelemetry.getTracer(SCOPE), captureContent);
    }

    /** @return a handle like {@code signet} whose model calls and predictor calls make spans */
    public Signet instrument(Signet signet) {
        return signet.withModel(new TracedModel(signet.languageModel())).withListener(this);
    }

    @Override
    public void onStart(long callId, String predictorName, Map<String, Object> inputs) {
        open.put(callId, tracer.spanBuilder("predict " + predictorName)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("signet.predictor.name", predictorName)
                .startSpan());
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
        if (call.error() != null) {
            span.setAttribute("error.type", call.error().getClass().getName());
            span.setStatus(StatusCode.ERROR, String.valueOf(call.error().getMessage()));
        }
        span.end();
    }

    /** A language model whose calls make client spans. */
    private final class TracedModel implements LanguageModel, AutoCloseable {
        private final LanguageModel delegate;

        TracedModel(LanguageModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Completion> complete(LmRequest request) {
            Span span = start(request);
            CompletableFuture<Completion> call;
            try {
                call = delegate.complete(request);
            } catch (RuntimeException e) {
                end(span, null, e);
                throw e;
            }
            return call.whenComplete((completion, failure) -> end(span, completion, failure));
        }

        @Override
        public Completion completeBlocking(LmRequest request) {
            Span span = start(request);
            try {
                Completion completion = delegate.completeBlocking(request);
                end(span, completion, null);
                return completion;
            } catch (RuntimeException e) {
                end(span, null, e);
                throw e;
            }
        }

        private Span start(LmRequest request) {
            String model = request.options().model() != null ? request.options().model()
                    : delegate instanceof OpenAiLanguageModel openAi ? openAi.model() : null;
            var builder = tracer.spanBuilder(model == null ? "chat" : "chat " + model)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.provider.name", "openai");
            if (model != null) {
                builder.setAttribute("gen_ai.request.model", model);
            }
            if (request.options().temperature() != null) {
                builder.setAttribute("gen_ai.request.temperature", request.options().temperature());
            }
            if (request.options().maxTokens() != null) {
                builder.setAttribute("gen_ai.request.max_tokens", (long) request.options().maxTokens());
            }
            if (request.options().seed() != null) {
                builder.setAttribute("gen_ai.request.seed", request.options().seed());
            }
            Span span = builder.startSpan();
            if (captureContent) {
                span.setAttribute("gen_ai.input.messages", messagesJson(request.messages()));
            }
            return span;
        }

        private void end(Span span, Completion completion, Throwable failure) {
            if (completion != null) {
                span.setAttribute("gen_ai.response.model", completion.model());
                span.setAttribute("gen_ai.usage.input_tokens", completion.usage().promptTokens());
                span.setAttribute("gen_ai.usage.output_tokens", completion.usage().completionTokens());
                if (completion.finishReason() != null) {
                    span.setAttribute(io.opentelemetry.api.common.AttributeKey.stringArrayKey(
                            "gen_ai.response.finish_reasons"), List.of(completion.finishReason()));
                }
                if (captureContent) {
                    span.setAttribute("gen_ai.output.messages",
                            messagesJson(List.of(Message.assistant(completion.text()))));
                }
            }
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                span.setAttribute("error.type", cause.getClass().getName());
                span.setStatus(StatusCode.ERROR, String.valueOf(cause.getMessage()));
            }
            span.end();
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public void close() throws Exception {
            if (delegate instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    private static String messagesJson(List<Message> messages) {
        var array = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        for (Message message : messages) {
            var node = array.addObject().put("role", message.role().wireName());
            node.putArray("parts").addObject().put("type", "text").put("content", message.content());
        }
        return array.toString();
    }
}
