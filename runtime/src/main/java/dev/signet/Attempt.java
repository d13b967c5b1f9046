package dev.signet;

import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModelException;
import dev.signet.lm.Usage;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to the language model made for a prediction: the first one, the JSON fallback after a reply that
 * could not be parsed, or a repair that sent the parse error back to the model; and a call the model failed
 * (a rate limit, a server error), which a {@code Fallback} moved on from: its completion is empty and of no cost,
 * its model the id of the language model that failed ({@code LanguageModel.id()}), its error the failure's kind and
 * message ({@link #failed()}).
 *
 * @param kind why the call was made
 * @param adapter the adapter that rendered and parsed it ({@code ChatAdapter}, {@code JsonAdapter}, ...)
 * @param completion the model's reply, with its usage
 * @param error why the reply could not be parsed, or {@code null} if it could
 * @param reward the reward of the parsed outputs under BestOfN or Refine, or
 *     {@code null}
 */
public record Attempt(Kind kind, String adapter, Completion completion, String error, Double reward) {
    /** The finish reason of the empty completion of a failed call. */
    private static final String FAILED = "signet:failed";

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

    /** A call the language model failed, after its own retries. */
    static Attempt failed(Kind kind, String adapter, String languageModelId, LanguageModelException error) {
        return new Attempt(kind, adapter, new Completion("", languageModelId, Usage.ZERO, FAILED),
                error.kind() + ": " + error.getMessage());
    }

    /** @return whether the language model failed this call, so that it has no reply */
    public boolean failed() {
        return FAILED.equals(completion.finishReason());
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
