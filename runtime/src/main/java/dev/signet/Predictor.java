package dev.signet;

import dev.signet.adapter.Adapter;
import dev.signet.artifact.PromptArtifact;
import dev.signet.batch.BatchModel;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Futures;
import dev.signet.lm.Message;
import dev.signet.lm.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signature's predictor on a handle: it finds the prompt state the handle gives its name, runs its module, and
 * tells the handle's listeners about every call. Generated predictors ({@code QAPredictor}) wrap one and add the
 * typed methods; it can also be used directly, with a hand-built {@link SignatureDescription}:
 *
 * <pre>{@code
 * Predictor qa = Predictor.of(signet, signature, Module.chainOfThought());
 * Outputs outputs = qa.call(Map.of("question", "Who wrote Dune?"));
 * String answer = outputs.get("answer", String.class);
 * }</pre>
 *
 * <p>Immutable and thread-safe: share one instance across threads.
 */
public final class Predictor {
    private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

    private final Signet signet;
    private final SignatureDescription declared;
    private final Module module;
    private final String description;
    private final String name;
    private final SignatureDescription modelSignature;
    private final PromptState state;
    private final Runner runner;

    private Predictor(Signet signet, SignatureDescription declared, Module module, String description, String name,
            SignatureDescription modelSignature, PromptState explicit) {
        this.signet = Objects.requireNonNull(signet, "signet");
        this.declared = Objects.requireNonNull(declared, "signature");
        this.module = Objects.requireNonNull(module, "module");
        this.description = description;
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a predictor name must not be blank");
        }
        this.name = name;
        this.modelSignature = modelSignature;
        this.state = complete(explicit != null ? explicit : module instanceof ReAct ? null
                : signet.promptFor(name, modelSignature).orElse(null), modelSignature);
        this.runner = module.runner(this);
        for (PredictorListener listener : signet.listeners()) {
            try {
                listener.onCreate(this);
            } catch (RuntimeException e) {
                LOG.warn("Predictor listener {} failed on the creation of {}; the predictor is unaffected", listener,
                        name, e);
            }
        }
    }

    /** The state with its instructions set: the signature's own when it has none. */
    private static PromptState complete(PromptState state, SignatureDescription signature) {
        if (state == null) {
            return PromptState.of(signature);
        }
        return state.instructions() != null ? state : state.withInstructions(signature.instructions());
    }

    /**
     * A predictor of a signature with Predict, named after the signature.
     *
     * @param signet the runtime handle
     * @param signature the signature
     * @return the predictor
     */
    public static Predictor of(Signet signet, SignatureDescription signature) {
        return of(signet, signature, Module.predict());
    }

    /**
     * A predictor of a signature with a module, named after the signature.
     *
     * @param signet the runtime handle
     * @param signature the signature
     * @param module how the predictor uses the signature
     * @return the predictor
     * @throws IllegalArgumentException if the signature can't be used with the module
     */
    public static Predictor of(Signet signet, SignatureDescription signature, Module module) {
        return new Predictor(signet, signature, module, null, signature.name(), module.signature(signature), null);
    }

    /** A ReAct step's predictor, named after this one: {@code name.react}, {@code name.extract}. */
    Predictor step(SignatureDescription stepSignature, String suffix, Module stepModule, String stepDescription) {
        return new Predictor(signet, stepSignature, stepModule, stepDescription, name + suffix,
                stepModule.signature(stepSignature), null);
    }

    /**
     * A copy of this predictor under another name: the name its calls are traced under and its prompt state is
     * looked up by. Needed when one signature is used twice in a program.
     *
     * @param otherName the name
     * @return the renamed predictor
     */
    public Predictor named(String otherName) {
        return new Predictor(signet, declared, module, description, otherName, modelSignature, null);
    }

    /**
     * A copy of this predictor that uses this prompt state, whatever the handle holds: how an optimizer's
     * candidate, or its winner, is rendered and shipped.
     *
     * @param prompt the instructions ({@code null}: the signature's) and demos
     * @return the predictor
     */
    public Predictor withPrompt(PromptState prompt) {
        return new Predictor(signet, declared, module, description, name, modelSignature,
                Objects.requireNonNull(prompt, "prompt"));
    }

    /** @return the name calls are traced under and prompt states looked up by; default the signature's name */
    public String name() {
        return name;
    }

    /** @return the signature as declared */
    public SignatureDescription signature() {
        return declared;
    }

    /** @return the signature the model sees: the declared one, with {@code reasoning} under ChainOfThought */
    public SignatureDescription modelSignature() {
        return modelSignature;
    }

    /** @return how the predictor uses its signature */
    public Module module() {
        return module;
    }

    /** @return the module's name as the prompt artifact records it ({@code ChainOfThought}, {@code ReAct.react}) */
    public String moduleDescription() {
        return description != null ? description : module.describe();
    }

    /** @return the adapter that renders the predictor's prompts and parses the replies */
    public Adapter adapter() {
        return signet.adapter();
    }

    /**
     * @return the instructions and demos this predictor uses: set with {@link #withPrompt} or on the handle, from
     *     an artifact given to the handle or baked into the class path, or the signature's own
     */
    public PromptState promptState() {
        return state;
    }

    Signet signet() {
        return signet;
    }

    /**
     * Calls the model and waits, on the calling thread (BestOfN's attempts still run concurrently).
     *
     * @param inputs a value for every input field, by name (an {@code Optional} input may be left out)
     * @return the prediction
     * @throws dev.signet.core.SignetException an {@link dev.signet.adapter.OutputParseException} for a reply that
     *     can't be parsed, a {@link dev.signet.lm.LanguageModelException} when the model can't be reached
     */
    public Prediction<Outputs> predict(Map<String, Object> inputs) {
        return Futures.join(run(inputs, true, 0));
    }

    /**
     * Calls the model without blocking the calling thread.
     *
     * @param inputs a value for every input field, by name
     * @return the prediction, or a future failed as {@link #predict} fails
     */
    public CompletableFuture<Prediction<Outputs>> predictAsync(Map<String, Object> inputs) {
        return run(inputs, false, 0);
    }

    /**
     * Predicts for many inputs at once and waits for all of them. When the handle's model is a
     * {@link BatchModel}, their model calls go out as batches through the provider's Batch API
     * ({@link BatchModel#runAll}); otherwise they run live, concurrently, as many in flight as the model client
     * allows.
     *
     * @param inputs the inputs of each prediction
     * @return a future per input, in order, each completed: with its prediction, or exceptionally with why it
     *     failed (a failed input does not stop the others)
     */
    public List<CompletableFuture<Prediction<Outputs>>> predictAll(List<Map<String, Object>> inputs) {
        if (signet.languageModel() instanceof BatchModel batch) {
            return batch.runAll(inputs, this::predictAsync);
        }
        List<CompletableFuture<Prediction<Outputs>>> all = new ArrayList<>(inputs.size());
        for (Map<String, Object> input : inputs) {
            CompletableFuture<Prediction<Outputs>> call;
            try {
                call = predictAsync(input);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            all.add(call);
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).exceptionally(failure -> null).join();
        return all;
    }

    /** Calls the model, waits, and returns the outputs only; see {@link #predict}. */
    public Outputs call(Map<String, Object> inputs) {
        return predict(inputs).outputs();
    }

    /** Calls the model and returns the outputs only; see {@link #predictAsync}. */
    public CompletableFuture<Outputs> callAsync(Map<String, Object> inputs) {
        return predictAsync(inputs).thenApply(Prediction::outputs);
    }

    /**
     * Streams the prediction as the model writes it: each output field as it grows and when it is done (under
     * ChainOfThought, the {@code reasoning} first), then the prediction. The reply is parsed as it arrives by the
     * adapter (both the ChatAdapter and the JsonAdapter stream field by field); every link of the handle's chain
     * still applies (a cache hit is replayed as a stream, the JSON fallback and repairs restart it). ReAct streams
     * its extract step (the tool steps before it are not streamed); BestOfN and Refine, which make several calls,
     * stream their final outputs only. Nothing is sent until a subscriber requests; each subscriber makes its own
     * call.
     *
     * @param inputs a value for every input field, by name
     * @return the stream of the prediction's events
     * @throws IllegalArgumentException if an input is missing or unknown
     */
    public PredictionStream<Outputs> stream(Map<String, Object> inputs) {
        checkInputs(inputs);
        Map<String, Object> given = new HashMap<>(inputs);
        return new PredictionStream<>(modelSignature, sink -> run(given, false, 0, sink), outputs -> outputs,
                outputs -> outputs);
    }

    /** A prediction as the module makes it, told to the listeners. */
    CompletableFuture<Prediction<Outputs>> run(Map<String, Object> inputs, boolean blocking, long parentId) {
        return run(inputs, blocking, parentId, null);
    }

    /** A prediction as the module makes it, its reply streamed to {@code sink} unless that is null. */
    CompletableFuture<Prediction<Outputs>> run(Map<String, Object> inputs, boolean blocking, long parentId,
            ModelCall.Sink sink) {
        try {
            checkInputs(inputs);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Call call = new Call(parentId, blocking, sink);
        List<PredictorListener> listeners = signet.listeners();
        for (PredictorListener listener : listeners) {
            try {
                listener.onStart(call.id, parentId, name, inputs);
            } catch (RuntimeException e) {
                LOG.warn("Predictor listener {} failed on the start of a call of {}; the call is unaffected",
                        listener, name, e);
            }
        }
        CompletableFuture<Runner.Result> result;
        try {
            result = runner.run(call, inputs);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Prediction<Outputs>> prediction = result.thenApply(r -> new Prediction<>(name, r.outputs(),
                r.outputs(), r.messages(), r.completion(), Duration.ofNanos(System.nanoTime() - call.start),
                call.attempts.list(), r.trajectory()));
        if (listeners.isEmpty()) {
            return prediction;
        }
        return prediction.whenComplete((done, failure) -> tell(listeners, call, inputs, done, failure));
    }

    private void tell(List<PredictorListener> listeners, Call call, Map<String, Object> inputs,
            Prediction<Outputs> done, Throwable failure) {
        List<Attempt> attempts = call.attempts.list();
        Usage usage = Usage.ZERO;
        for (Attempt attempt : attempts) {
            usage = usage.plus(attempt.completion().usage());
        }
        String model = signet.options().model() != null ? signet.options().model()
                : signet.languageModel().defaultModel().orElse(null);
        PredictorCall record = new PredictorCall(call.id, call.parentId, this, model, inputs,
                done == null ? null : done.outputs(), failure == null ? null : Futures.unwrap(failure), usage,
                Duration.ofNanos(System.nanoTime() - call.start), attempts);
        for (PredictorListener listener : listeners) {
            try {
                listener.onCall(record);
            } catch (RuntimeException e) {
                LOG.warn("Predictor listener {} failed on a call of {}; the call is unaffected", listener, name, e);
            }
        }
    }

    /**
     * The messages a call with these inputs would send, without calling the model: to see, log or diff a
     * prompt offline. (For ReAct: its first step's.)
     *
     * @param inputs a value for every input field, by name
     * @return the messages, exactly as {@link #predict} sends them
     */
    public List<Message> preview(Map<String, Object> inputs) {
        checkInputs(inputs);
        return runner.preview(inputs);
    }

    /**
     * The messages with a {@code {{field}}} placeholder where each input's value goes: filling the
     * placeholders with the inputs as the adapter writes them gives, byte for byte, what {@link #preview}
     * returns.
     *
     * @return the message template
     */
    public List<Message> template() {
        return runner.template();
    }

    /**
     * This predictor's prompt as a {@code signet.prompt/v1} artifact, to write, review and ship: rendered by the
     * code that renders its calls, so the artifact holds what the predictor sends.
     *
     * @param provenance how the prompt was made (optimizer, settings, scores, ...), as plain JSON values
     * @return the artifact
     * @throws UnsupportedOperationException for a ReAct predictor, whose prompts are its steps'
     */
    public PromptArtifact toArtifact(Map<String, ?> provenance) {
        Prompt prompt = runner.prompt();
        return PromptArtifact.of(name, moduleDescription(), modelSignature, prompt.adapter.name(), prompt.state,
                runner.template(), provenance);
    }

    private void checkInputs(Map<String, Object> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<String> missing = new ArrayList<>();
        for (Field field : declared.inputs()) {
            if (inputs.get(field.name()) == null && field.type().kind() != FieldType.Kind.OPTIONAL) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(declared.name() + ": no value for the input field(s) " + missing);
        }
        for (String key : inputs.keySet()) {
            if (declared.input(key).isEmpty()) {
                List<String> unknown = new ArrayList<>(inputs.keySet());
                declared.inputs().forEach(f -> unknown.remove(f.name()));
                throw new IllegalArgumentException(declared.name() + ": unknown input field(s) " + unknown
                        + "; the inputs are " + declared.inputs().stream().map(Field::name).toList());
            }
        }
    }

    @Override
    public String toString() {
        return "Predictor[" + name + ", " + moduleDescription() + "]";
    }
}
