package dev.signet;

import dev.signet.adapter.Adapter;
import dev.signet.adapter.JsonAdapter;
import dev.signet.lm.Futures;
import dev.signet.lm.ResponseFormat;
import dev.signet.lm.Completion;
import dev.signet.lm.LmRequest;
import dev.signet.lm.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind every generated predictor: renders a call's inputs with the handle's adapter, asks the
 * handle's language model, and parses the reply into typed outputs. Generated classes wrap one of these and
 * add the typed methods; it can also be used directly with a hand-built {@link SignatureDescription}.
 *
 * <p>Immutable and thread-safe: share one instance across threads.
 *
 * @param <O> the typed output
 */
public final class Predictor<O> {
    private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

    private final Signet signet;
    private final SignatureDescription declared;
    private final Strategy strategy;
    private final SignatureDescription signature;
    private final String name;
    private final Function<Outputs, O> result;
    private final Adapter.PreparedPrompt prompt;
    private final ResponseFormat responseFormat;
    private final Adapter.PreparedPrompt jsonPrompt;
    private final ResponseFormat jsonFormat;

    private static final JsonAdapter JSON = new JsonAdapter();

    private Predictor(Signet signet, SignatureDescription declared, String name, Function<Outputs, O> result,
            Strategy strategy) {
        this.signet = Objects.requireNonNull(signet, "signet");
        this.declared = Objects.requireNonNull(declared, "signature");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.signature = strategy.apply(declared);
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a predictor name must not be blank");
        }
        this.name = name;
        this.result = Objects.requireNonNull(result, "result");
        // The handle's prompt state for this name (optimized instructions and demos), else the signature's own.
        PromptState state = signet.prompt(name).orElse(PromptState.of(signature));
        this.prompt = signet.adapter().prepare(signature, state.instructions(), state.demos());
        this.responseFormat = signet.adapter().responseFormat(signature);
        this.jsonPrompt = JSON.prepare(signature, state.instructions(), state.demos());
        this.jsonFormat = JSON.responseFormat(signature);
    }

    /**
     * A predictor named after its signature.
     *
     * @param signet the runtime handle
     * @param signature the signature
     * @param result builds the typed output from the parsed output fields
     * @param <O> the typed output
     * @return the predictor
     */
    public static <O> Predictor<O> create(Signet signet, SignatureDescription signature,
            Function<Outputs, O> result) {
        return new Predictor<>(signet, signature, signature.name(), result, Strategy.predict());
    }

    /**
     * A predictor with a strategy, named after its signature.
     *
     * @see Strategy
     */
    public static <O> Predictor<O> create(Signet signet, SignatureDescription signature,
            Function<Outputs, O> result, Strategy strategy) {
        return new Predictor<>(signet, signature, signature.name(), result, strategy);
    }

    /**
     * A copy of this predictor under another name: the name its calls are traced under and its prompt state is
     * looked up by. Needed when one signature is used twice in a program.
     */
    public Predictor<O> named(String name) {
        return new Predictor<>(signet, declared, name, result, strategy);
    }

    /** @return the name calls are traced under and prompt states looked up by; default the signature's name */
    public String name() {
        return name;
    }

    /** @return the signature the model sees: the declared one, with {@code reasoning} under ChainOfThought */
    public SignatureDescription signature() {
        return signature;
    }

    public Strategy strategy() {
        return strategy;
    }

    /**
     * Calls the model.
     *
     * @param inputs a value for every input field, by name
     * @return the prediction, or a future failed with a {@link SignetException}: an
     *     {@link OutputParseException} for a reply that can't be parsed, a
     *     {@link dev.signet.lm.LanguageModelException} when the model can't be reached
     */
    public CompletableFuture<Prediction<O>> predictAsync(Map<String, Object> inputs) {
        return run(inputs, signet.languageModel()::complete);
    }

    /**
     * Calls the model and waits, on the calling thread; see {@link #predictAsync(Map)}.
     *
     * @throws SignetException as {@link #predictAsync(Map)} fails
     */
    public Prediction<O> predict(Map<String, Object> inputs) {
        return Futures.await(run(inputs, request -> {
            try {
                return CompletableFuture.completedFuture(signet.languageModel().completeBlocking(request));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }));
    }

    /**
     * One prediction: the first call and, while replies can't be parsed, the JSON fallback and the repairs
     * the handle allows. With a blocking {@code call}, every step runs on the calling thread.
     */
    private CompletableFuture<Prediction<O>> run(Map<String, Object> inputs,
            Function<LmRequest, CompletableFuture<Completion>> call) {
        long start = System.nanoTime();
        List<Message> messages;
        try {
            checkInputs(inputs);
            messages = prompt.render(inputs);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Step first = new Step(Attempt.Kind.PREDICT, signet.adapter(), messages, responseFormat);
        List<Attempt> attempts = new ArrayList<>();
        CompletableFuture<Prediction<O>> prediction = attempt(first, inputs, attempts, call, start);
        if (signet.listeners().isEmpty()) {
            return prediction;
        }
        return prediction.whenComplete((done, failure) -> notifyListeners(inputs, done, failure, attempts, start));
    }

    private void notifyListeners(Map<String, Object> inputs, Prediction<O> done, Throwable failure,
            List<Attempt> attempts, long start) {
        dev.signet.lm.Usage usage = dev.signet.lm.Usage.ZERO;
        String model = signet.options().model();
        for (Attempt attempt : attempts) {
            usage = usage.plus(attempt.completion().usage());
            model = attempt.completion().model();
        }
        PredictorCall call = new PredictorCall(name, model, inputs, done == null ? null : done.outputs(),
                failure == null ? null : Futures.unwrap(failure), usage,
                Duration.ofNanos(System.nanoTime() - start), attempts);
        for (PredictorListener listener : signet.listeners()) {
            try {
                listener.onCall(call);
            } catch (RuntimeException e) {
                LOG.warn("Predictor listener {} failed on a call of {}; the call is unaffected", listener, name, e);
            }
        }
    }

    /** A call to make: why, with which adapter, which messages and response format. */
    private record Step(Attempt.Kind kind, Adapter adapter, List<Message> messages, ResponseFormat format) {}

    private CompletableFuture<Prediction<O>> attempt(Step step, Map<String, Object> inputs, List<Attempt> attempts,
            Function<LmRequest, CompletableFuture<Completion>> call, long start) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} request: {}", name, step.kind(), step.messages());
        }
        CompletableFuture<Completion> reply;
        try {
            reply = call.apply(new LmRequest(step.messages(), signet.options(), step.format()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reply.thenCompose(completion -> {
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} reply from {} ({}): {}", name, completion.model(), completion.usage(), completion.text());
            }
            String adapterName = step.adapter().getClass().getSimpleName();
            Outputs outputs;
            try {
                outputs = parse(step.adapter(), completion);
            } catch (OutputParseException e) {
                attempts.add(new Attempt(step.kind(), adapterName, completion, e.getMessage()));
                Step next = next(step, completion, e, attempts, inputs);
                if (next == null) {
                    return CompletableFuture.failedFuture(finalFailure(e, attempts));
                }
                return attempt(next, inputs, attempts, call, start);
            }
            attempts.add(new Attempt(step.kind(), adapterName, completion, null));
            return CompletableFuture.completedFuture(new Prediction<>(name, result.apply(outputs), outputs,
                    step.messages(), completion, Duration.ofNanos(System.nanoTime() - start), attempts));
        });
    }

    /** The fallback after a ChatAdapter failure, else a repair while the handle allows one, else none. */
    private Step next(Step failed, Completion completion, OutputParseException error, List<Attempt> attempts,
            Map<String, Object> inputs) {
        if (failed.kind() == Attempt.Kind.PREDICT && signet.jsonFallback()
                && !(failed.adapter() instanceof JsonAdapter)) {
            return new Step(Attempt.Kind.JSON_FALLBACK, JSON, jsonPrompt.render(inputs), jsonFormat);
        }
        long repairs = attempts.stream().filter(a -> a.kind() == Attempt.Kind.REPAIR).count();
        if (repairs >= signet.parseRepairs()) {
            return null;
        }
        List<Message> messages = new ArrayList<>(failed.messages());
        messages.add(Message.assistant(completion.text()));
        messages.add(Message.user("Your reply could not be parsed: " + error.getMessage()
                + "\n\nReply again with every output field, exactly in the format described above."));
        return new Step(Attempt.Kind.REPAIR, failed.adapter(), messages, failed.format());
    }

    private OutputParseException finalFailure(OutputParseException last, List<Attempt> attempts) {
        List<String> completions = new ArrayList<>();
        attempts.forEach(a -> completions.add(a.completion().text()));
        String message = attempts.size() == 1
                ? last.getMessage()
                : last.getMessage() + " (after " + attempts.size() + " attempts: "
                        + attempts.stream().map(a -> a.kind().name().toLowerCase(java.util.Locale.ROOT))
                                .collect(java.util.stream.Collectors.joining(", ")) + ")";
        return new OutputParseException(message, last.field().orElse(null), last.completion(), completions);
    }

    /**
     * The messages a call with these inputs would send, without calling the model: to see, log or diff a
     * prompt offline.
     *
     * @param inputs a value for every input field, by name
     * @return the messages, exactly as {@link #predict} sends them
     */
    public List<Message> preview(Map<String, Object> inputs) {
        checkInputs(inputs);
        return prompt.render(inputs);
    }

    /**
     * The messages with a {@code {{field}}} placeholder where each input's value goes: filling the
     * placeholders with the inputs as the adapter writes them gives, byte for byte, what {@link #preview}
     * returns.
     *
     * @return the message template
     */
    public List<Message> template() {
        Map<String, Object> placeholders = new java.util.LinkedHashMap<>();
        for (FieldSpec input : signature.inputs()) {
            placeholders.put(input.name(), "{{" + input.name() + "}}");
        }
        return prompt.render(placeholders);
    }

    /** Calls the model and returns the typed output only. */
    public CompletableFuture<O> callAsync(Map<String, Object> inputs) {
        return predictAsync(inputs).thenApply(Prediction::output);
    }

    /** Calls the model, waits, and returns the typed output only. */
    public O call(Map<String, Object> inputs) {
        return predict(inputs).output();
    }

    private Outputs parse(Adapter adapter, Completion reply) {
        try {
            return adapter.parse(signature, reply.text());
        } catch (OutputParseException e) {
            if (!reply.truncated()) {
                throw e;
            }
            throw new OutputParseException(e.getMessage() + ". The reply was cut off at the token limit "
                    + "(finish_reason=length): raise maxTokens in the handle's options.",
                    e.field().orElse(null), e.completion());
        }
    }

    private void checkInputs(Map<String, Object> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<String> missing = new ArrayList<>();
        for (FieldSpec field : signature.inputs()) {
            if (inputs.get(field.name()) == null) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(signature.name() + ": no value for the input field(s) " + missing);
        }
        if (inputs.size() != signature.inputs().size()) {
            List<String> unknown = new ArrayList<>(inputs.keySet());
            signature.inputs().forEach(f -> unknown.remove(f.name()));
            throw new IllegalArgumentException(signature.name() + ": unknown input field(s) " + unknown
                    + "; the inputs are " + signature.inputs().stream().map(FieldSpec::name).toList());
        }
    }

    @Override
    public String toString() {
        return "Predictor[" + name + "]";
    }
}
