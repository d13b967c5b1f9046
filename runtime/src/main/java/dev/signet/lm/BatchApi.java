package dev.signet.lm;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider's Batch API, as a {@code dev.signet.batch.BatchModel} drives it: upload a JSONL file of requests,
 * create a batch from it, poll it, read its output and error files. {@code signet-openai}'s {@code OpenAiLanguageModel} has one
 * ({@link dev.signet.lm.LanguageModel#batchApi()}), on the OpenAI SDK's files and batches.
 *
 * <p>An implementation renders each request with the code its live calls use, so that a batched request is, byte
 * for byte, the body a live call would send. Implementations are thread-safe; their methods block.
 */
public interface BatchApi {
    /** @return what identifies the endpoint and model, the same as the live model's {@code id()}, so that caches fill alike */
    String id();

    /** @return the most requests one batch may hold (OpenAI: 50,000) */
    int maxRequests();

    /** @return the most bytes one input file may hold (OpenAI: 200 MB) */
    long maxBytes();

    /**
     * One line of an input file: the request, exactly as a live call sends it, under a custom id.
     *
     * @param customId the id the line's result comes back under
     * @param request the request
     * @return the line, without its newline
     */
    String line(String customId, LmRequest request);

    /**
     * Uploads an input file.
     *
     * @param jsonl the file, one {@link #line} per line
     * @return the provider's id of the file
     */
    String upload(Path jsonl);

    /**
     * Creates a batch that runs an uploaded file.
     *
     * @param inputFileId the file, as {@link #upload} returned it
     * @param metadata kept with the batch, shown in the provider's console
     * @return the batch's id
     */
    String create(String inputFileId, Map<String, String> metadata);

    /**
     * The batch already made from an input file, if any: how a process that died between creating a batch and
     * recording its id finds it again instead of paying twice.
     */
    Optional<String> findByInputFile(String inputFileId);

    /** @return the batch's state now */
    Status status(String batchId);

    /** Asks the provider to cancel a batch; its finished requests stay in its output file. */
    void cancel(String batchId);

    /**
     * Reads a result file (a batch's output or error file), streaming: each line's custom id and its completion or
     * its failure.
     *
     * @param fileId the file
     * @param each told each line's result, in the file's order
     * @throws LanguageModelException when the file can't be read, or a line isn't a batch result (naming the line)
     */
    void read(String fileId, Consumer<Result> each);

    /** A batch's life, as the provider reports it. */
    enum State {
        VALIDATING, IN_PROGRESS, FINALIZING, COMPLETED, FAILED, EXPIRED, CANCELLING, CANCELLED;

        /** @return whether the batch is over: nothing more will run, its files are final */
        public boolean terminal() {
            return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
        }
    }

    /**
     * A batch's state.
     *
     * @param id the batch's id
     * @param state where it is
     * @param outputFileId the file of its answered requests, once there is one
     * @param errorFileId the file of its failed requests, once there is one
     * @param total requests in the batch
     * @param completed requests answered so far
     * @param failed requests failed so far
     * @param message what the provider said of a failed batch (its validation errors), or null
     */
    record Status(String id, State state, String outputFileId, String errorFileId, int total, int completed,
            int failed, String message) {
        public Status {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String toString() {
            return id + " " + state.name().toLowerCase(java.util.Locale.ROOT) + ": " + completed + " done, " + failed
                    + " failed of " + total + (message == null ? "" : " (" + message + ")");
        }
    }

    /**
     * One line of a result file.
     *
     * @param customId the request's custom id
     * @param completion its completion, or null when it failed
     * @param failure why it failed, or null
     */
    record Result(String customId, Completion completion, LanguageModelException failure) {
        public Result {
            Objects.requireNonNull(customId, "customId");
            if ((completion == null) == (failure == null)) {
                throw new IllegalArgumentException("a result holds a completion or a failure");
            }
        }
    }
}
