package dev.signet;

import dev.signet.lm.Completion;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to the language model made for a prediction: the first one, the JSON fallback after a reply that
 * could not be parsed, or a repair that sent the parse error back to the model.
 *
 * @param kind why the call was made
 * @param adapter the adapter that rendered and parsed it ({@code ChatAdapter}, {@code JsonAdapter}, ...)
 * @param completion the model's reply, with its usage
 * @param error why the reply could not be parsed, or {@code null} if it could
 * @param reward the reward of the parsed outputs under BestOfN or Refine, or
 *     {@code null}
 */
public record Attempt(Kind kind, String adapter, Completion completion, String error, Double reward) {
    /** Why a call was made. */
    public enum Kind {
        /** The prediction's first call. */
        PREDICT,
        /** After a ChatAdapter reply that could not be parsed: the same call with the JsonAdapter. */
        JSON_FALLBACK,
        /** After a reply that could not be parsed: the error sent back to the model. */
        REPAIR
    }

    public Attempt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(completion, "completion");
    }

    /** An attempt without a reward. */
    public Attempt(Kind kind, String adapter, Completion completion, String error) {
        this(kind, adapter, completion, error, null);
    }

    /** @return this attempt with its reward */
    public Attempt withReward(double reward) {
        return new Attempt(kind, adapter, completion, error, reward);
    }

    /** @return why the reply could not be parsed, if it could not */
    public Optional<String> errorIfAny() {
        return Optional.ofNullable(error);
    }
}
