package dev.signet;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the predictor calls of one program run, in the order they finished. Give each run its own
 * recorder on its own handle; no thread-locals are involved, so runs on different threads, virtual threads or
 * interleaved async calls never mix:
 *
 * <pre>{@code
 * TraceRecorder trace = new TraceRecorder();
 * String answer = program.run(signet.withListener(trace), question);
 * trace.calls();   // every predictor call of this run
 * }</pre>
 */
public final class TraceRecorder implements PredictorListener {
    private final List<PredictorCall> calls = new ArrayList<>();

    @Override
    public synchronized void onCall(PredictorCall call) {
        calls.add(call);
    }

    /** @return the calls recorded so far, in the order they finished */
    public synchronized List<PredictorCall> calls() {
        return List.copyOf(calls);
    }
}
