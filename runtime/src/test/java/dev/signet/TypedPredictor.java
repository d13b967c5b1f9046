package dev.signet;

import dev.signet.artifact.PromptArtifact;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A typed predictor written by hand, for the modules whose tests can't run the processor: what a generated
 * predictor does (a {@link Predictor}, and the function that builds the typed output from its outputs), nothing
 * more. Shared with the other modules' tests through this module's test jar.
 *
 * @param <O> the typed output
 */
public final class TypedPredictor<O> {
    private final Predictor predictor;
    private final Function<Outputs, O> output;

    private TypedPredictor(Predictor predictor, Function<Outputs, O> output) {
        this.predictor = predictor;
        this.output = output;
    }

    public static <O> TypedPredictor<O> create(Signet signet, SignatureDescription signature,
            Function<Outputs, O> output) {
        return new TypedPredictor<>(Predictor.of(signet, signature), output);
    }

    public static <O> TypedPredictor<O> create(Signet signet, SignatureDescription signature,
            Function<Outputs, O> output, Module module) {
        return new TypedPredictor<>(Predictor.of(signet, signature, module), output);
    }

    public TypedPredictor<O> named(String name) {
        return new TypedPredictor<>(predictor.named(name), output);
    }

    public O call(Map<String, Object> inputs) {
        return output.apply(predictor.call(inputs));
    }

    public CompletableFuture<O> callAsync(Map<String, Object> inputs) {
        return predictor.callAsync(inputs).thenApply(output);
    }

    public Prediction<O> predict(Map<String, Object> inputs) {
        return predictor.predict(inputs).map(output);
    }

    public CompletableFuture<Prediction<O>> predictAsync(Map<String, Object> inputs) {
        return predictor.predictAsync(inputs).thenApply(p -> p.map(output));
    }

    public List<Message> preview(Map<String, Object> inputs) {
        return predictor.preview(inputs);
    }

    public List<Message> template() {
        return predictor.template();
    }

    public String name() {
        return predictor.name();
    }

    public SignatureDescription signature() {
        return predictor.signature();
    }

    public SignatureDescription modelSignature() {
        return predictor.modelSignature();
    }

    public Module module() {
        return predictor.module();
    }

    public PromptState promptState() {
        return predictor.promptState();
    }

    public PromptArtifact toArtifact(Map<String, ?> provenance) {
        return predictor.toArtifact(provenance);
    }

    /** @return the untyped predictor */
    public Predictor predictor() {
        return predictor;
    }
}
