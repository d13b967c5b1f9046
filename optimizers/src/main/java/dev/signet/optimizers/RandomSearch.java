package dev.signet.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Signet;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.internal.Checkpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * DSPy's BootstrapFewShotWithRandomSearch: several candidate prompt sets, scored on a development set; the best
 * wins. The candidates are, in order: zero-shot, labeled demos only, BootstrapFewShot over the training set in
 * its seeded order, then {@code candidates} more BootstrapFewShot runs, each with its own seed and a random
 * number (1 to {@code maxBootstrappedDemos}) of bootstrapped demos. Ties keep the earlier candidate.
 *
 * <p>With a checkpoint file, each candidate's score is written as soon as it is known; a rerun with the same
 * settings skips the candidates already scored and only rebuilds the winner's prompts.
 */
public final class RandomSearch {

    /**
     * One candidate's result.
     *
     * @param index its position: 0 zero-shot, 1 labeled only, 2 unshuffled bootstrap, 3+ random
     * @param description what it is
     * @param score its mean score on the development set
     */
    public record Candidate(int index, String description, double score) {}

    /**
     * The search's outcome.
     *
     * @param best the winning candidate's prompts and report
     * @param candidates every candidate's score, in order
     * @param winner the winning candidate's index
     */
    public record Result(OptimizationResult best, List<Candidate> candidates, int winner) {
        public Result {
            candidates = List.copyOf(candidates);
        }
    }

    private final Metric metric;
    private final int candidates;
    private final int maxBootstrappedDemos;
    private final int maxLabeledDemos;
    private final int concurrency;
    private final long seed;
    private final Path checkpoint;
    private java.util.function.Consumer<Candidate> onCandidate = candidate -> { };

    private RandomSearch(Metric metric, int candidates, int maxBootstrappedDemos, int maxLabeledDemos,
            int concurrency, long seed, Path checkpoint) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.candidates = candidates;
        this.maxBootstrappedDemos = maxBootstrappedDemos;
        this.maxLabeledDemos = maxLabeledDemos;
        this.concurrency = concurrency;
        this.seed = seed;
        this.checkpoint = checkpoint;
    }

    /**
     * @param metric scores predictions (bootstrapping keeps runs scoring 1)
     * @param candidates how many random bootstrap candidates, after the three fixed ones
     */
    public static RandomSearch of(Metric metric, int candidates) {
        return new RandomSearch(metric, candidates, 4, 16, 8, 0, null);
    }

    public RandomSearch maxBootstrappedDemos(int max) {
        return carry(new RandomSearch(metric, candidates, max, maxLabeledDemos, concurrency, seed, checkpoint));
    }

    public RandomSearch maxLabeledDemos(int max) {
        return carry(new RandomSearch(metric, candidates, maxBootstrappedDemos, max, concurrency, seed, checkpoint));
    }

    public RandomSearch concurrency(int concurrency) {
        return carry(new RandomSearch(metric, candidates, maxBootstrappedDemos, maxLabeledDemos, concurrency, seed,
                checkpoint));
    }

    public RandomSearch seed(long seed) {
        return carry(new RandomSearch(metric, candidates, maxBootstrappedDemos, maxLabeledDemos, concurrency, seed,
                checkpoint));
    }

    /** Writes each candidate's score to this file, and resumes from it. */
    public RandomSearch checkpoint(Path file) {
        return carry(new RandomSearch(metric, candidates, maxBootstrappedDemos, maxLabeledDemos, concurrency, seed, file));
    }

    private RandomSearch carry(RandomSearch next) {
        next.onCandidate = onCandidate;
        return next;
    }

    /** @return a copy that reports each candidate as soon as it is scored (or read from the checkpoint) */
    public RandomSearch onCandidate(java.util.function.Consumer<Candidate> listener) {
        RandomSearch copy = new RandomSearch(metric, candidates, maxBootstrappedDemos, maxLabeledDemos, concurrency,
                seed, checkpoint);
        copy.onCandidate = Objects.requireNonNull(listener, "listener");
        return copy;
    }

    public Result compile(Signet student, ProgramFactory program, List<Example> trainset, List<Example> devset) {
        Checkpoint saved = new Checkpoint(checkpoint, settings());
        ObjectNode state = saved.read();
        ObjectNode scores = state.has("scores") ? (ObjectNode) state.get("scores") : state.putObject("scores");
        List<Candidate> results = new ArrayList<>();
        int total = 3 + candidates;
        for (int index = 0; index < total; index++) {
            JsonNode known = scores.get(String.valueOf(index));
            double score;
            if (known != null) {
                score = known.asDouble();
            } else {
                OptimizationResult candidate = candidate(index, student, program, trainset);
                score = Evaluator.builder().concurrency(concurrency).build()
                        .evaluate(devset, program.build(student.withPrompts(candidate.prompts())), metric).meanScore();
                scores.put(String.valueOf(index), score);
                saved.write(state);
            }
            Candidate candidate = new Candidate(index, describe(index), score);
            results.add(candidate);
            onCandidate.accept(candidate);
        }
        int winner = 0;
        for (Candidate candidate : results) {
            if (candidate.score() > results.get(winner).score()) {
                winner = candidate.index();
            }
        }
        return new Result(candidate(winner, student, program, trainset), results, winner);
    }

    private OptimizationResult candidate(int index, Signet student, ProgramFactory program, List<Example> trainset) {
        switch (index) {
            case 0:
                return new LabeledFewShot(0, seed).compile(student, program, trainset);
            case 1:
                return new LabeledFewShot(maxLabeledDemos, seed).compile(student, program, trainset);
            default:
                long candidateSeed = seed + index;
                int demos = index == 2 ? maxBootstrappedDemos
                        : 1 + new Random(candidateSeed).nextInt(Math.max(1, maxBootstrappedDemos));
                return BootstrapFewShot.builder(metric).maxBootstrappedDemos(demos).maxLabeledDemos(maxLabeledDemos)
                        .concurrency(concurrency).seed(candidateSeed).build().compile(student, program, trainset);
        }
    }

    private static String describe(int index) {
        switch (index) {
            case 0:
                return "zero-shot";
            case 1:
                return "labeled demos only";
            case 2:
                return "bootstrapped, training set in its seeded order";
            default:
                return "bootstrapped, random candidate " + (index - 2);
        }
    }

    /** The settings a checkpoint belongs to: a rerun with other settings starts over. */
    private String settings() {
        return "candidates=" + candidates + ";maxBootstrapped=" + maxBootstrappedDemos + ";maxLabeled="
                + maxLabeledDemos + ";seed=" + seed;
    }
}
