package dev.signet.testing;

/**
 * How the {@link LoopbackOpenAiServer} runs the batches created after {@link LoopbackOpenAiServer#batchScript} is
 * set: each line is answered as a live request would be (the queue, then the responder: a line whose reply is an
 * error goes to the error file), and the batch ends after some polls, completed, expired or failed. Immutable.
 *
 * <pre>{@code
 * server.batchScript(BatchScript.completes().afterPolls(3));   // in progress for two polls, then completed
 * server.batchScript(BatchScript.expiresAfter(100));           // expired, with the first 100 lines answered
 * server.batchScript(BatchScript.failsValidation("bad line")); // failed: no line runs
 * }</pre>
 */
public final class BatchScript {
    enum End { COMPLETED, EXPIRED, FAILED }

    private final End end;
    private final int polls;
    private final int linesRun;
    private final String message;

    private BatchScript(End end, int polls, int linesRun, String message) {
        this.end = end;
        this.polls = polls;
        this.linesRun = linesRun;
        this.message = message;
    }

    /** Every line runs; the batch is completed at its first poll. The default. */
    public static BatchScript completes() {
        return new BatchScript(End.COMPLETED, 1, Integer.MAX_VALUE, null);
    }

    /** Only the first {@code lines} lines run; the batch ends expired, the others in no file. */
    public static BatchScript expiresAfter(int lines) {
        return new BatchScript(End.EXPIRED, 1, lines, null);
    }

    /** The batch fails validation, with this error: no line runs, there is no output file. */
    public static BatchScript failsValidation(String message) {
        return new BatchScript(End.FAILED, 1, 0, message);
    }

    /**
     * The batch is in progress until its {@code polls}-th retrieval, when it ends; a batch cancelled before then
     * keeps the lines run in proportion to the polls it saw.
     */
    public BatchScript afterPolls(int polls) {
        if (polls < 1) {
            throw new IllegalArgumentException("polls must be at least 1");
        }
        return new BatchScript(end, polls, linesRun, message);
    }

    End end() {
        return end;
    }

    int polls() {
        return polls;
    }

    int linesRun() {
        return linesRun;
    }

    String message() {
        return message;
    }
}
