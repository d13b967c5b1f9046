package dev.signet;

import dev.signet.adapter.JsonAdapter;
import dev.signet.adapter.OutputParseException;
import dev.signet.core.Outputs;
import dev.signet.lm.Completion;
import dev.signet.lm.HttpFailures;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The chain of a handle's model calls, and its built-in links: repair, JSON fallback, parsing. */
final class Chains {
    private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

    private Chains() {}

    /** The links of a handle, outermost first, ending before the language model. */
    static List<Interceptor> links(boolean jsonFallback, int parseRepairs, List<Interceptor> interceptors) {
        List<Interceptor> links = new ArrayList<>();
        if (parseRepairs > 0) {
            links.add(new Repair(parseRepairs));
        }
        if (jsonFallback) {
            links.add(JSON_FALLBACK);
        }
        links.add(PARSE);
        links.addAll(interceptors);
        return List.copyOf(links);
    }

    /** Sends a call down a handle's chain. */
    static CompletableFuture<Exchange> proceed(List<Interceptor> links, LanguageModel model, ModelCall call) {
        return new Link(links, 0, model, call).proceed(call);
    }

    private record Link(List<Interceptor> links, int index, LanguageModel model, ModelCall call)
            implements Interceptor.Chain {
        @Override
        public CompletableFuture<Exchange> proceed(ModelCall next) {
            Objects.requireNonNull(next, "call");
            if (index == links.size()) {
                return transport(next.languageModel(), next);
            }
            Interceptor link = links.get(index);
            try {
                CompletableFuture<Exchange> exchange = link.intercept(new Link(links, index + 1, model, next));
                return exchange != null ? exchange : CompletableFuture.failedFuture(new IllegalStateException(
                        "the interceptor " + link + " returned null instead of a future"));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /**
     * The last link: the language model, on the caller's thread for a blocking call. A call the model fails
     * (after its own retries) is recorded as an attempt, so that a prediction a {@code Fallback} saved shows the
     * try that failed before the one that answered.
     */
    private static CompletableFuture<Exchange> transport(LanguageModel model, ModelCall call) {
        return send(model, call).whenComplete((exchange, failure) -> {
            if (failure != null && HttpFailures.unwrap(failure) instanceof LanguageModelException error) {
                call.attempts().add(Attempt.failed(call.kind(), call.adapter().name(), call.languageModelId(), error));
            }
        });
    }

    private static CompletableFuture<Exchange> send(LanguageModel model, ModelCall call) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} request: {}", call.predictorName(), call.kind(), call.request().messages());
        }
        try {
            if (call.streaming()) {
                CompletableFuture<Completion> streamed = model.stream(call.request(), call.sink().begin(call));
                Objects.requireNonNull(streamed, "the language model returned no future");
                call.sink().inFlight(streamed);
                return streamed.thenApply(completion -> Exchange.of(call, completion));
            }
            if (call.blocking()) {
                return CompletableFuture.completedFuture(Exchange.of(call, model.completeBlocking(call.request())));
            }
            CompletableFuture<Completion> reply = model.complete(call.request());
            return Objects.requireNonNull(reply, "the language model returned no future")
                    .thenApply(completion -> Exchange.of(call, completion));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Parses each reply with the call's adapter, and records it as an attempt of the prediction. */
    private static final Interceptor PARSE = chain -> chain.proceed(chain.call()).thenApply(exchange -> {
        Completion completion = exchange.completion();
        ModelCall call = exchange.call();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} reply from {} ({}): {}", call.predictorName(), completion.model(), completion.usage(),
                    completion.text());
        }
        String adapter = call.adapter().name();
        LanguageModelException incomplete = incomplete(call, completion);
        if (incomplete != null) {
            // a reply cut off or filtered may still parse, into a wrong answer: it is an error, and asking again
            // through the JSON fallback or a repair would not make it whole
            call.attempts().add(new Attempt(call.kind(), adapter, completion, incomplete.getMessage()));
            throw incomplete;
        }
        if (!completion.toolCalls().isEmpty()) {
            // a native tool-calling step: the caller runs the tools and asks again; there is nothing to parse yet
            call.attempts().add(new Attempt(call.kind(), adapter, completion, null));
            return exchange;
        }
        try {
            Outputs outputs = call.adapter().parse(call.signature(), completion.text());
            call.attempts().add(new Attempt(call.kind(), adapter, completion, null));
            return exchange.parsed(outputs);
        } catch (OutputParseException e) {
            call.attempts().add(new Attempt(call.kind(), adapter, completion, e.getMessage()));
            return exchange.unparsable(e);
        }
    });

    /** The error for a reply the model did not finish: cut off at the token limit, or stopped by a filter. */
    private static LanguageModelException incomplete(ModelCall call, Completion completion) {
        String text = completion.text().replace("\n", "\\n");
        String excerpt = text.length() <= 80 ? text : text.substring(0, 80) + "…";
        if (completion.truncated()) {
            Integer max = call.request().options().maxTokens();
            return new LanguageModelException(LanguageModelException.Kind.TRUNCATED, 0, "The reply for "
                    + call.predictorName() + " was cut off at the token limit (finish_reason length, "
                    + completion.usage().completionTokens() + " completion tokens" + (max != null ? " of " + max : "")
                    + "), so it is not used even where it parses: raise maxTokens in the handle's options "
                    + "(LmOptions.withMaxTokens). It began: '" + excerpt + "'", null);
        }
        if ("content_filter".equals(completion.finishReason())) {
            return new LanguageModelException(LanguageModelException.Kind.REFUSED, 0, "The reply for "
                    + call.predictorName() + " was stopped by the provider's content filter (finish_reason "
                    + "content_filter), so it is not used even where it parses", null);
        }
        return null;
    }

    /** DSPy's fallback: a first reply the ChatAdapter could not parse is asked again with the JsonAdapter. */
    private static final Interceptor JSON_FALLBACK = chain -> chain.proceed(chain.call()).thenCompose(exchange -> {
        ModelCall call = exchange.call();
        if (exchange.parseError() == null || call.kind() != Attempt.Kind.PREDICT
                || call.adapter() instanceof JsonAdapter || !call.request().tools().isEmpty()) {
            // (a native tool-calling conversation can't be asked again from its inputs alone)
            return CompletableFuture.completedFuture(exchange);
        }
        Prompt json = call.prompt().asJson();
        LmRequest request = new LmRequest(json.render(call.inputs()), call.request().options(), json.format());
        return chain.proceed(call.as(Attempt.Kind.JSON_FALLBACK, json, request));
    });

    /** Sends the parse error back to the model for a corrected reply, at most {@code repairs} times. */
    private record Repair(int repairs) implements Interceptor {
        @Override
        public CompletableFuture<Exchange> intercept(Interceptor.Chain chain) {
            return attempt(chain, chain.call(), 0);
        }

        private CompletableFuture<Exchange> attempt(Interceptor.Chain chain, ModelCall call, int made) {
            return chain.proceed(call).thenCompose(exchange -> {
                if (exchange.parseError() == null || made >= repairs) {
                    return CompletableFuture.completedFuture(exchange);
                }
                ModelCall failed = exchange.call();
                List<Message> messages = new ArrayList<>(failed.request().messages());
                messages.add(Message.assistant(exchange.completion().text()));
                messages.add(Message.user("Your reply could not be parsed: " + exchange.parseError().getMessage()
                        + "\n\nReply again with every output field, exactly in the format described above."));
                LmRequest request = failed.request().withMessages(messages);
                return attempt(chain, failed.as(Attempt.Kind.REPAIR, failed.prompt(), request), made + 1);
            });
        }

        @Override
        public String toString() {
            return "Repair[" + repairs + "]";
        }
    }
}
