package dev.signet.eval;

import dev.signet.Prediction;
import dev.signet.batch.BatchModel;
import dev.signet.internal.Futures;
import dev.signet.lm.Usage;
import dev.signet.usage.BudgetExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a program over a dataset and scores it: many examples in flight at once (from one thread, not a
 * thread per call), progress reported as it goes, and an error budget.
 *
 * <pre>{@code
 * EvaluationResult result = Evaluator.builder().concurrency(16).maxErrors(5).build()
 *         .evaluate(devSet, example -> qa.predictAsync(example.input("question")), Metrics.exactMatch("answer"));
 * System.out.print(result.toTable());
 * }</pre>
 *
 * <p>A failed example scores 0 and counts as an error; once errors exceed {@code maxErrors} no new example is
 * started and the run ends with an {@link EvaluationException}. A spent budget
 * ({@link BudgetExceededException}) stops the run and is thrown as it is. Immutable and thread-safe.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    /**
     * Progress after each finished example.
     *
     * @param done examples finished, from 1 to {@code total}
     * @param total examples in the run
     * @param meanScore the mean score of the finished examples
     * @param errors the failed examples so far
     */
    public record Progress(int done, int total, double meanScore, int errors) {
        /** @return e.g. {@code 30/100 examples, mean score 0.7667, 1 error} */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d/%d examples, mean score %.4f, %d error%s", done, total,
                    meanScore, errors, errors == 1 ? "" : "s");
        }
    }

    private final int concurrency;
    private final int maxErrors;
    private final Consumer<Progress> progress;
    private final BatchModel batch;

    private Evaluator(Builder builder) {
        this.batch = builder.batch;
        this.concurrency = builder.concurrency;
        this.maxErrors = builder.maxErrors;
        this.progress = builder.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates the program on every example and waits for the result.
     *
     * @throws EvaluationException when more examples fail than the error budget allows
     */
    public EvaluationResult evaluate(List<Example> examples, Program program, Metric metric) {
        if (batch != null) {
            return evaluateByBatch(examples, program, metric);
        }
        long start = System.nanoTime();
        ExampleResult[] results = new ExampleResult[examples.size()];
        Semaphore permits = new Semaphore(concurrency);
        Tally tally = new Tally(examples.size());
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (int i = 0; i < examples.size() && !tally.overBudget(maxErrors) && tally.budgetFailure() == null; i++) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvaluationException("Interrupted while evaluating", e, finished(results));
            }
            if (tally.overBudget(maxErrors)) {
                permits.release();
                break;
            }
            int index = i;
            Example example = examples.get(i);
            running.add(start(program, example).handle((prediction, failure) -> {
                try {
                    ExampleResult result = score(index, example, prediction, failure, metric);
                    results[index] = result;
                    tally.add(result, progress);
                    return result;
                } finally {
                    permits.release(); // whatever a callback did: a lost permit would hang the run
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).join();
        return result(examples, results, tally, start);
    }

    /** The program's call on one example; a program that throws fails that example, not the run. */
    private static CompletableFuture<? extends Prediction<?>> start(Program program, Example example) {
        try {
            return Objects.requireNonNull(program.run(example), "the program returned no future");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Every example at once, their model calls sent as batches; the error budget is checked at the end. */
    private EvaluationResult evaluateByBatch(List<Example> examples, Program program, Metric metric) {
        long start = System.nanoTime();
        ExampleResult[] results = new ExampleResult[examples.size()];
        Tally tally = new Tally(examples.size());
        List<Integer> indices = java.util.stream.IntStream.range(0, examples.size()).boxed().toList();
        batch.runAll(indices, index -> {
            Example example = examples.get(index);
            return start(program, example).handle((prediction, failure) -> {
                ExampleResult result = score(index, example, prediction, failure, metric);
                results[index] = result;
                tally.add(result, progress);
                return result;
            });
        });
        return result(examples, results, tally, start);
    }

    private EvaluationResult result(List<Example> examples, ExampleResult[] results, Tally tally, long start) {
        if (tally.budgetFailure() != null) {
            // A spent budget is not an example's failure: the whole run stops, and says why.
            throw tally.budgetFailure();
        }
        List<ExampleResult> done = finished(results);
        if (tally.overBudget(maxErrors)) {
            Throwable first = done.stream().map(ExampleResult::error).filter(Objects::nonNull).findFirst().orElse(null);
            throw new EvaluationException(tally.errors() + " examples failed, over the error budget of " + maxErrors
                    + " (maxErrors); the run stopped after " + done.size() + " of " + examples.size()
                    + ". First error: " + (first == null ? "?" : first.getMessage()), first, done);
        }
        Usage usage = Usage.ZERO;
        double sum = 0;
        for (ExampleResult result : done) {
            sum += result.score().value();
            if (result.prediction() != null) {
                usage = usage.plus(result.prediction().usage());
            }
        }
        return new EvaluationResult(done, done.isEmpty() ? 0 : sum / done.size(), tally.errors(), usage,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static ExampleResult score(int index, Example example, Prediction<?> prediction, Throwable failure,
            Metric metric) {
        if (failure != null) {
            return new ExampleResult(index, example, null, Score.of(0), Futures.unwrap(failure));
        }
        try {
            Score score = metric.score(example, prediction);
            if (score == null) {
                throw new IllegalStateException("the metric returned null for example " + index
                        + " (return Score.of(0) for a wrong answer)");
            }
            return new ExampleResult(index, example, prediction, score, null);
        } catch (RuntimeException e) {
            return new ExampleResult(index, example, prediction, Score.of(0), e);
        }
    }

    private static List<ExampleResult> finished(ExampleResult[] results) {
        return Arrays.stream(results).filter(Objects::nonNull).toList();
    }

    /** Counts under one lock, so that progress reports are consistent and monotonic. */
    private static final class Tally {
        private final int total;
        private int done;
        private int errors;
        private double sum;
        private BudgetExceededException budgetFailure;
        private boolean progressFailed;

        Tally(int total) {
            this.total = total;
        }

        /** Counts a result and reports progress, under the lock so that reports arrive in order. */
        synchronized void add(ExampleResult result, Consumer<Progress> progress) {
            done++;
            sum += result.score().value();
            if (result.error() instanceof BudgetExceededException spent) {
                budgetFailure = budgetFailure == null ? spent : budgetFailure;
                return;
            }
            if (result.error() != null) {
                errors++;
            }
            if (progress != null) {
                try {
                    progress.accept(new Progress(done, total, sum / done, errors));
                } catch (RuntimeException e) {
                    if (!progressFailed) {
                        progressFailed = true;
                        LOG.warn("The evaluation's progress listener failed; the evaluation goes on without it", e);
                    }
                }
            }
        }

        synchronized boolean overBudget(int maxErrors) {
            return errors > maxErrors;
        }

        synchronized int errors() {
            return errors;
        }

        synchronized BudgetExceededException budgetFailure() {
            return budgetFailure;
        }
    }

    /** Builds an {@link Evaluator}. */
    public static final class Builder {
        private int concurrency = 8;
        private int maxErrors = Integer.MAX_VALUE;
        private Consumer<Progress> progress;
        private BatchModel batch;

        private Builder() {}

        /**
         * Evaluates through the provider's Batch API: every example is started at once and their model calls go
         * out as batches of {@code batch} (the program's handle must use it as its model: {@code
         * signet.withModel(batch)}), at half the price, within hours. The score is the live evaluator's on the same
         * answers; {@code concurrency} does not apply, and the error budget is checked once every example is done.
         */
        public Builder batch(BatchModel batch) {
            this.batch = batch;
            return this;
        }

        /** How many examples may be in flight at once; default 8. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** How many examples may fail before the run stops; default: no limit. */
        public Builder maxErrors(int maxErrors) {
            if (maxErrors < 0) {
                throw new IllegalArgumentException("maxErrors must be >= 0, was " + maxErrors);
            }
            this.maxErrors = maxErrors;
            return this;
        }

        /** Told after each finished example, one call at a time. */
        public Builder onProgress(Consumer<Progress> progress) {
            this.progress = progress;
            return this;
        }

        public Evaluator build() {
            return new Evaluator(this);
        }
    }
}
