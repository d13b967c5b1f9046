package dev.signet.maven;

import dev.signet.Signet;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.optimize.SignetProject;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The work of {@code signet:evaluate}, without Maven: evaluates the project's program on its development set,
 * writes {@code evaluate-report.json} and {@code evaluate-report.html}, and tells whether the mean score reaches
 * the minimum.
 */
final class Evaluation {
    /** The settings of one run. */
    record Request(Path reportDirectory, double minScore, int concurrency) {
        Request {
            if (Double.isNaN(minScore) || minScore < 0 || minScore > 1) {
                throw new IllegalArgumentException("signet.minScore must be between 0 and 1, not " + minScore + ".");
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("signet.concurrency must be at least 1, not " + concurrency + ".");
            }
        }
    }

    /** What the run found. */
    record Outcome(EvaluationResult result, double minScore, Path htmlReport) {
        boolean passed() {
            return result.meanScore() >= minScore;
        }

        String summary() {
            return String.format(Locale.ROOT, "Signet evaluation: mean score %.4f over %d examples, %d errors "
                    + "(minimum %.4f)", result.meanScore(), result.total(), result.errors(), minScore);
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
            result = Evaluator.builder().concurrency(request.concurrency())
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
                    .evaluate(dev, project.program().build(signet), project.metric());
        }
        Files.createDirectories(request.reportDirectory());
        Path html = request.reportDirectory().resolve("evaluate-report.html");
        result.saveJson(request.reportDirectory().resolve("evaluate-report.json"));
        AtomicFiles.write(html, Reports.evaluationHtml(result, request.minScore()));
        return new Outcome(result, request.minScore(), html);
    }
}
