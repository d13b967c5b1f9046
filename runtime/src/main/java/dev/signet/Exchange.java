package dev.signet;

import dev.signet.adapter.OutputParseException;
import dev.signet.core.Outputs;
import dev.signet.lm.Completion;
import java.util.Objects;

/**
 * A model call and what the model answered. The links outside the parsing step (the repair and the JSON
 * fallback) also see whether the reply could be parsed.
 */
public final class Exchange {
    private final ModelCall call;
    private final Completion completion;
    private final Outputs outputs;
    private final OutputParseException parseError;

    private Exchange(ModelCall call, Completion completion, Outputs outputs, OutputParseException parseError) {
        this.call = Objects.requireNonNull(call, "call");
        this.completion = Objects.requireNonNull(completion, "completion");
        this.outputs = outputs;
        this.parseError = parseError;
    }

    /**
     * What a link that answers a call itself returns (a cache hit, a recording).
     *
     * @param call the call answered
     * @param completion the answer
     * @return the exchange
     */
    public static Exchange of(ModelCall call, Completion completion) {
        return new Exchange(call, completion, null, null);
    }

    /** @return the call */
    public ModelCall call() {
        return call;
    }

    /** @return what the model answered */
    public Completion completion() {
        return completion;
    }

    Exchange parsed(Outputs parsedOutputs) {
        return new Exchange(call, completion, parsedOutputs, null);
    }

    Exchange unparsable(OutputParseException error) {
        return new Exchange(call, completion, null, error);
    }

    /** @return the parsed outputs, or {@code null} when the reply was not parsed or could not be */
    Outputs outputs() {
        return outputs;
    }

    /** @return why the reply could not be parsed, or {@code null} */
    OutputParseException parseError() {
        return parseError;
    }

    @Override
    public String toString() {
        return "Exchange[" + call + ", " + (parseError != null ? "unparsable" : outputs != null ? "parsed" : "raw") + "]";
    }
}
