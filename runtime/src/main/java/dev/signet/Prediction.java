package dev.signet;

import dev.signet.lm.Completion;
import dev.signet.lm.Message;
import dev.signet.lm.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The full result of one predictor call: the typed output and everything about how it was obtained.
 *
 * @param predictorName the predictor's name (by default the signature's qualified name)
 * @param output the typed output, what the interface method returns
 * @param outputs every output field's value by name
 * @param messages the messages that were sent
 * @param completion the model's raw reply, with its model name, usage and finish reason
 * @param latency the wall time from the call to the parsed result
 * @param attempts every call made for this prediction, the last being the one that gave the output; more than
 *     one when a reply could not be parsed and the fallback or a repair succeeded
 * @param trajectory the steps of a ReAct predictor, in order; empty for other strategies
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

    /** A prediction without a trajectory. */
    public Prediction(String predictorName, O output, Outputs outputs, List<Message> messages, Completion completion,
            Duration latency, List<Attempt> attempts) {
        this(predictorName, output, outputs, messages, completion, latency, attempts, List.of());
    }

    /** @return the tokens this prediction cost, over all its attempts */
    public Usage usage() {
        Usage total = Usage.ZERO;
        for (Attempt attempt : attempts) {
            total = total.plus(attempt.completion().usage());
        }
        return attempts.isEmpty() ? completion.usage() : total;
    }

    /** @return the {@code reasoning} output, which {@link Strategy#chainOfThought()} adds, if there is one */
    public java.util.Optional<String> reasoning() {
        Object reasoning = outputs.asMap().get(Strategy.REASONING);
        return reasoning instanceof String text ? java.util.Optional.of(text) : java.util.Optional.empty();
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
