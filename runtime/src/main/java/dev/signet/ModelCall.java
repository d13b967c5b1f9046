package dev.signet;

import dev.signet.adapter.Adapter;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.LmRequest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One call to the language model, as the links of the chain see it: the request, and what it is for (the
 * predictor, the signature the model sees, the module, the adapter that rendered it and will parse the reply, why
 * it is made). Immutable; {@link #withRequest} gives a changed copy.
 */
public final class ModelCall {
    private final Call call;
    private final Predictor predictor;
    private final Prompt prompt;
    private final Map<String, Object> inputs;
    private final Call.Attempts attempts;
    private final Attempt.Kind kind;
    private final LmRequest request;
    /** Where a streamed reply's text goes, or null when the caller does not stream. */
    private final Sink sink;
    /** The language model that answers instead of the handle's (a fallback, a route), or null. */
    private final LanguageModel languageModel;

    ModelCall(Call call, Predictor predictor, Prompt prompt, Map<String, Object> inputs, Call.Attempts attempts,
            Attempt.Kind kind, LmRequest request, Sink sink) {
        this(call, predictor, prompt, inputs, attempts, kind, request, sink, null);
    }

    private ModelCall(Call call, Predictor predictor, Prompt prompt, Map<String, Object> inputs,
            Call.Attempts attempts, Attempt.Kind kind, LmRequest request, Sink sink, LanguageModel languageModel) {
        this.call = call;
        this.predictor = predictor;
        this.prompt = prompt;
        this.inputs = inputs;
        this.attempts = attempts;
        this.kind = kind;
        this.request = Objects.requireNonNull(request, "request");
        this.sink = sink;
        this.languageModel = languageModel;
    }

    /**
     * Where a streaming caller's reply goes: the text of each model call made for it (the first, the JSON
     * fallback's, a repair's), piece by piece.
     */
    interface Sink {
        /**
         * A model call starts streaming its reply.
         *
         * @param call the model call
         * @return where the pieces of its reply go, in order
         * @throws java.util.concurrent.CancellationException if the caller has cancelled the stream
         */
        Consumer<String> begin(ModelCall call);

        /** The model's future for the reply being streamed: cancelled if the caller cancels the stream. */
        void inFlight(Future<?> reply);

        /** @return when the current reply's first piece came ({@link System#nanoTime()}), or 0 before it */
        long firstTextNanos();
    }

    /** @return the predictor call this model call is made for (the id {@link PredictorListener#onStart} got) */
    public long callId() {
        return call.id;
    }

    /** @return the predictor's name */
    public String predictorName() {
        return predictor.name();
    }

    /** @return the signature the model sees */
    public SignatureDescription signature() {
        return prompt.signature;
    }

    /** @return the predictor's module, as {@link Module#describe()} names it */
    public String module() {
        return predictor.moduleDescription();
    }

    /** @return the adapter that rendered the request and will parse the reply */
    public Adapter adapter() {
        return prompt.adapter;
    }

    /** @return why the call is made: the first, the JSON fallback, or a repair */
    public Attempt.Kind kind() {
        return kind;
    }

    /** @return what is sent */
    public LmRequest request() {
        return request;
    }

    /** @return the model asked for: the request's, else the language model's default, if known */
    public Optional<String> model() {
        return request.options().model() != null ? Optional.of(request.options().model())
                : languageModel().defaultModel();
    }

    /** @return what identifies the language model's answers, for caches ({@code LanguageModel.id()}) */
    public String languageModelId() {
        return languageModel().id();
    }

    /** @return the language model that answers this call: the handle's, unless a link chose another */
    public LanguageModel languageModel() {
        return languageModel != null ? languageModel : predictor.signet().languageModel();
    }

    /**
     * This call, answered by another language model: what a fallback or a router does. The request's model
     * option, which names one of the handle's model's models, is dropped: the other answers with its own.
     *
     * @param other the language model that answers
     * @return the call with that model
     */
    public ModelCall withLanguageModel(LanguageModel other) {
        Objects.requireNonNull(other, "languageModel");
        LmRequest without = request.options().model() == null ? request
                : new LmRequest(request.messages(), request.options().withModel(null), request.responseFormat());
        return new ModelCall(call, predictor, prompt, inputs, attempts, kind, without, sink, other);
    }

    /** @return whether the caller waits for the call on its thread (then every link runs on that thread) */
    public boolean blocking() {
        return call.blocking;
    }

    /** @return whether the caller streams the reply (then the model is asked to stream it) */
    public boolean streaming() {
        return sink != null;
    }

    /**
     * Hands a whole reply to a streaming caller as if it had been streamed, in one piece: what a link that answers
     * without the model (a cache hit) does. Nothing happens when the caller does not stream.
     *
     * @param text the reply's text
     */
    public void replay(String text) {
        if (sink != null) {
            sink.begin(this).accept(text);
        }
    }

    /**
     * @return when the first piece of this call's streamed reply came ({@link System#nanoTime()}), once one has:
     *     for a link to measure the time to the first token
     */
    public OptionalLong firstTextNanos() {
        long first = sink == null ? 0 : sink.firstTextNanos();
        return first == 0 ? OptionalLong.empty() : OptionalLong.of(first);
    }

    /** @return this call with another request (the same predictor, adapter and purpose) */
    public ModelCall withRequest(LmRequest other) {
        return new ModelCall(call, predictor, prompt, inputs, attempts, kind, other, sink, languageModel);
    }

    ModelCall as(Attempt.Kind otherKind, Prompt otherPrompt, LmRequest other) {
        return new ModelCall(call, predictor, otherPrompt, inputs, attempts, otherKind, other, sink, languageModel);
    }

    Sink sink() {
        return sink;
    }

    Prompt prompt() {
        return prompt;
    }

    Map<String, Object> inputs() {
        return inputs;
    }

    Call.Attempts attempts() {
        return attempts;
    }

    Predictor predictor() {
        return predictor;
    }

    @Override
    public String toString() {
        return "ModelCall[" + predictor.name() + ", " + kind + ", " + prompt.adapter.name() + "]";
    }
}
