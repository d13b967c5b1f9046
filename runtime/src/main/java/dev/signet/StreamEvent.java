package dev.signet;

import dev.signet.core.Outputs;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a streamed prediction ({@link PredictionStream}): an output field grew or is done, the model was
 * asked again, or the prediction is complete.
 *
 * <ul>
 *   <li>A field event ({@link #field()} present): a {@code String} output grew (its text so far), a list output
 *       has a new complete element (the elements so far), or a field is done ({@link #fieldDone()}): its value is
 *       complete and parsed to its type, and will not change.
 *   <li>A restart ({@link #restarted()}): the reply so far could not be parsed and the model is asked again (the
 *       JSON fallback, a repair); what was streamed before is void, and the fields stream again from nothing.
 *   <li>The last event ({@link #isFinal()}): the {@link #prediction()}, as {@link Predictor#predict} would have
 *       returned it, with usage, model, latency and attempts. Every field has been reported done before it.
 * </ul>
 *
 * <p>Immutable.
 *
 * @param <O> the output type: a generated predictor's record (or value), {@link Outputs} for an untyped predictor
 */
public final class StreamEvent<O> {
    private final O partial;
    private final Outputs outputs;
    private final String field;
    private final boolean fieldDone;
    private final Set<String> done;
    private final boolean restarted;
    private final Prediction<O> prediction;

    StreamEvent(O partial, Outputs outputs, String field, boolean fieldDone, Set<String> done, boolean restarted,
            Prediction<O> prediction) {
        this.partial = partial;
        this.outputs = outputs;
        this.field = field;
        this.fieldDone = fieldDone;
        this.done = Set.copyOf(done);
        this.restarted = restarted;
        this.prediction = prediction;
    }

    /**
     * The output so far, typed: the fields that are done hold their values, a {@code String} field being written
     * holds its text so far, a list field its complete elements; the others are {@code null} ({@code 0} or
     * {@code false} for a primitive, empty for an {@code Optional}); {@code null} if the output record's constructor
     * refuses the missing values. Under ChainOfThought the {@code reasoning} comes first, in {@link #outputs()}.
     *
     * @return the partial output; on the final event, the prediction's output
     */
    public O partial() {
        return partial;
    }

    /** @return the output fields so far by name, in the order the reply wrote them ({@code reasoning} included) */
    public Outputs outputs() {
        return outputs;
    }

    /** @return the output field this event is about; empty for a restart and for the final event */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** @return whether this event's field is done: complete, parsed to its type, final */
    public boolean fieldDone() {
        return fieldDone;
    }

    /** @return the names of the fields that are done so far */
    public Set<String> done() {
        return done;
    }

    /**
     * @param name an output field's name
     * @return whether that field is done
     */
    public boolean isDone(String name) {
        return done.contains(name);
    }

    /** @return whether the model is being asked again, every partial before this event void */
    public boolean restarted() {
        return restarted;
    }

    /** @return whether this is the last event, which holds the prediction */
    public boolean isFinal() {
        return prediction != null;
    }

    /** @return the complete prediction, on the final event */
    public Optional<Prediction<O>> prediction() {
        return Optional.ofNullable(prediction);
    }

    @Override
    public String toString() {
        if (prediction != null) {
            return "StreamEvent[final, " + outputs + "]";
        }
        if (restarted) {
            return "StreamEvent[restarted]";
        }
        return "StreamEvent[" + field + (fieldDone ? " done" : "") + ", " + outputs + "]";
    }
}
