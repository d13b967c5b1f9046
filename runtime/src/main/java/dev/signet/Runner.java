package dev.signet;

import dev.signet.core.Outputs;
import dev.signet.lm.Completion;
import dev.signet.lm.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A module's prompts, prepared for one predictor, and its algorithm. */
interface Runner {
    /**
     * Makes one prediction. The model calls go through the handle's chain; their attempts are recorded on the
     * call.
     */
    CompletableFuture<Result> run(Call call, Map<String, Object> inputs);

    /** The messages the first model call would send. */
    List<Message> preview(Map<String, Object> inputs);

    /** The messages with a {@code {{field}}} placeholder for each input's value. */
    List<Message> template();

    /** The prompt of the predictor's own calls, which its artifact records. */
    Prompt prompt();

    /**
     * What a module's algorithm produced.
     *
     * @param outputs the parsed outputs of the answer
     * @param messages the messages of the call that gave it
     * @param completion the reply that gave it
     * @param trajectory ReAct's steps, else empty
     */
    record Result(Outputs outputs, List<Message> messages, Completion completion, List<ToolStep> trajectory) {}
}
