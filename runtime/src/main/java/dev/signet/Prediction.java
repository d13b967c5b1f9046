package dev.signet;

import dev.signet.core.Outputs;
import dev.signet.lm.Completion;
import dev.signet.lm.Message;
import dev.signet.lm.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The full result of one predictor call: the typed output and everything about how it was obtained.
 *
 * @param predictorName the predictor's name (by default the signature's qualified name)
 * @param output the typed output, what the interface method returns ({@link Outputs} for an untyped predictor)
 * @param outputs every output field's value by name ({@code reasoning} included under ChainOfThought)
 * @param messages the messages that were sent for the answer
 * @param completion the model's raw reply that gave the answer, with its model name, usage and finish reason
 * @param latency the wall time from the call to the parsed result
 * @param attempts every call made for this prediction, in order; more than one when a reply could not be parsed
 *     and the fallback or a repair succeeded, or when the module makes several (BestOfN, Refine, ReAct)
 * @param trajectory the steps of a ReAct predictor, in order; empty for other modules
 * @param <O> the output type
 */
public record Prediction<O>(String predictorName, O output, Outputs outputs, List<Message> messages,
        Completion completion, Duration latency, List<Attempt> attempts, List<ToolStep> trajectory) {
    public Prediction {
        Objects.requireNonNull(predictorName, "predictorName");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(outputs, "outputs");
        messages = List.copyOf(messages);
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(latency, "latency");
        attempts = List.copyOf(attempts);
        trajectory = List.copyOf(trajectory);
    }

    /**
     * The same prediction with a typed output made from its outputs: what a generated predictor returns.
     *
     * @param typed builds the typed output from the outputs
     * @param <T> the typed output
     * @return the typed prediction
     */
    public <T> Prediction<T> map(Function<? super Outputs, ? extends T> typed) {
        return new Prediction<>(predictorName, typed.apply(outputs), outputs, messages, completion, latency, attempts,
                trajectory);
    }

    /** @return the tokens this prediction cost, over all its attempts */
    public Usage usage() {
        Usage total = Usage.ZERO;
        for (Attempt attempt : attempts) {
            total = total.plus(attempt.completion().usage());
        }
        return attempts.isEmpty() ? completion.usage() : total;
    }

    /** @return the {@code reasoning} output, which ChainOfThought adds, if there is one */
    public Optional<String> reasoning() {
        Object reasoning = outputs.asMap().get(ChainOfThought.REASONING);
        return reasoning instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /** @return whether the answer came from a cache (then it cost no tokens) */
    public boolean cacheHit() {
        return completion.cached();
    }

    /** @return the model that answered, as the server names it */
    public String model() {
        return completion.model();
    }

    /** @return the model's raw reply text */
    public String rawCompletion() {
        return completion.text();
    }
}
