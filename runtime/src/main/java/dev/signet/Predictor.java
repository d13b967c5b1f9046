package dev.signet;

import dev.signet.adapter.Adapter;
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
    private final SignatureDescription signature;
    private final String name;
    private final Function<Outputs, O> result;
    private final Adapter.PreparedPrompt prompt;

    private Predictor(Signet signet, SignatureDescription signature, String name, Function<Outputs, O> result) {
        this.signet = Objects.requireNonNull(signet, "signet");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.name = Objects.requireNonNull(name, "name");
        this.result = Objects.requireNonNull(result, "result");
        this.prompt = signet.adapter().prepare(signature, signature.instructions(), List.of());
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
        return new Predictor<>(signet, signature, signature.name(), result);
    }

    public String name() {
        return name;
    }

    public SignatureDescription signature() {
        return signature;
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
        long start = System.nanoTime();
        List<Message> messages;
        CompletableFuture<Completion> completion;
        try {
            messages = render(inputs);
            completion = signet.languageModel().complete(new LmRequest(messages, signet.options()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return completion.thenApply(reply -> prediction(messages, reply, start));
    }

    /**
     * Calls the model and waits, on the calling thread; see {@link #predictAsync(Map)}.
     *
     * @throws SignetException as {@link #predictAsync(Map)} fails
     */
    public Prediction<O> predict(Map<String, Object> inputs) {
        long start = System.nanoTime();
        List<Message> messages = render(inputs);
        Completion reply = signet.languageModel().completeBlocking(new LmRequest(messages, signet.options()));
        return prediction(messages, reply, start);
    }

    private List<Message> render(Map<String, Object> inputs) {
        checkInputs(inputs);
        List<Message> messages = prompt.render(inputs);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} request: {}", name, messages);
        }
        return messages;
    }

    private Prediction<O> prediction(List<Message> messages, Completion reply, long start) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} reply from {} ({}): {}", name, reply.model(), reply.usage(), reply.text());
        }
        Outputs outputs = parse(reply);
        O output = result.apply(outputs);
        return new Prediction<>(name, output, outputs, messages, reply, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Calls the model and returns the typed output only. */
    public CompletableFuture<O> callAsync(Map<String, Object> inputs) {
        return predictAsync(inputs).thenApply(Prediction::output);
    }

    /** Calls the model, waits, and returns the typed output only. */
    public O call(Map<String, Object> inputs) {
        return predict(inputs).output();
    }

    private Outputs parse(Completion reply) {
        try {
            return signet.adapter().parse(signature, reply.text());
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
