package dev.signet.maven;

import dev.signet.Signet;
import dev.signet.batch.BatchModel;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.lm.BatchApi;
import dev.signet.optimize.SignetProject;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The work of {@code signet:evaluate}, without Maven: evaluates the project's program on its development set,
 * writes {@code evaluate-report.json} and {@code evaluate-report.html}, and tells whether the mean score reaches
 * the minimum.
 */
final class Evaluation {
    /** The settings of one run. */
    record Request(Path reportDirectory, double minScore, int concurrency, boolean batch, Duration batchPoll) {
        Request {
            if (Double.isNaN(minScore) || minScore < 0 || minScore > 1) {
                throw new IllegalArgumentException("signet.minScore must be between 0 and 1, not " + minScore + ".");
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("signet.concurrency must be at least 1, not " + concurrency + ".");
            }
            if (batchPoll.isNegative() || batchPoll.isZero()) {
                throw new IllegalArgumentException("signet.batchPollInterval must be positive, not " + batchPoll
                        + ".");
            }
        }

        /** A live run. */
        Request(Path reportDirectory, double minScore, int concurrency) {
            this(reportDirectory, minScore, concurrency, false, Duration.ofSeconds(5));
        }

        /** The checkpoint of a run by the Batch API: a rerun after an interrupted one resumes its batches. */
        Path checkpoint() {
            return reportDirectory.resolve("evaluate.batch.json");
        }
    }

    /** What the run found. */
    record Outcome(EvaluationResult result, double minScore, Path htmlReport, boolean batch) {
        boolean passed() {
            return result.meanScore() >= minScore;
        }

        String summary() {
            return String.format(Locale.ROOT, "Signet evaluation%s: mean score %.4f over %d examples, %d errors "
                    + "(minimum %.4f)", batch ? " by the Batch API" : "", result.meanScore(), result.total(),
                    result.errors(), minScore);
        }
    }

    private Evaluation() {}

    static Outcome run(SignetProject project, Request request, Consumer<String> log)
            throws IOException {
        var dev = project.devset();
        if (dev.isEmpty()) {
            throw new IllegalArgumentException("signet:evaluate needs a development set: the project's devset() is "
                    + "empty.");
        }
        EvaluationResult result;
        try (Signet signet = project.signet()) {
            int total = dev.size();
            int[] nextTenth = {Math.max(1, total / 10)};
            Signet handle = signet;
            Evaluator.Builder evaluator = Evaluator.builder().concurrency(request.concurrency());
            if (request.batch()) {
                Files.createDirectories(request.reportDirectory());
                BatchModel batch = BatchModel.builder(signet.languageModel()).checkpoint(request.checkpoint())
                        .pollInterval(request.batchPoll(), max(request.batchPoll(), Duration.ofMinutes(1)))
                        .onStatus(new StatusLog(log)).build();
                log.accept("Evaluating " + total + " examples by the Batch API of " + batch.id() + "; its checkpoint "
                        + request.checkpoint() + " lets a rerun resume an interrupted run");
                handle = signet.withModel(batch);
                evaluator.batch(batch);
            }
            result = evaluator
                    .onProgress(p -> {
                        // a line per tenth of the set, and the last one: never a flood
                        if (p.done() >= nextTenth[0] || p.done() == total) {
                            log.accept(p.toString());
                            while (nextTenth[0] <= p.done()) {
                                nextTenth[0] += Math.max(1, total / 10);
                            }
                        }
                    })
                    .build()
                    .evaluate(dev, project.program().build(handle), project.metric());
        }
        Files.createDirectories(request.reportDirectory());
        Path html = request.reportDirectory().resolve("evaluate-report.html");
        result.saveJson(request.reportDirectory().resolve("evaluate-report.json"));
        AtomicFiles.write(html, Reports.evaluationHtml(result, request.minScore(), request.batch()));
        return new Outcome(result, request.minScore(), html, request.batch());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Logs a batch when its state changes, not at every poll. */
    private static final class StatusLog implements Consumer<BatchApi.Status> {
        private final Consumer<String> log;
        private final Map<String, BatchApi.State> last = new HashMap<>();

        StatusLog(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public synchronized void accept(BatchApi.Status status) {
            if (last.put(status.id(), status.state()) != status.state()) {
                log.accept(String.format(Locale.ROOT, "Batch %s: %s, %d of %d requests done, %d failed",
                        status.id(), status.state().name().toLowerCase(Locale.ROOT), status.completed(),
                        status.total(), status.failed()));
            }
        }
    }
}
