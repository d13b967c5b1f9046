package dev.signet.eval;

import dev.signet.core.SignetException;
import java.util.List;

/** An evaluation stopped: more examples failed than its error budget allows. Keeps what was finished. */
public final class EvaluationException extends SignetException {
    private static final long serialVersionUID = 1L;

    private final transient List<ExampleResult> finished;

    public EvaluationException(String message, Throwable cause, List<ExampleResult> finished) {
        super(message, cause);
        this.finished = List.copyOf(finished);
    }

    /** @return the examples that finished before the run stopped, in index order */
    public List<ExampleResult> finished() {
        return finished;
    }
}
