package dev.signet.optimizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.core.PromptState;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.Optimizer;
import dev.signet.optimize.ProgramFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * DSPy's BootstrapFewShotWithRandomSearch: several candidate prompt sets, scored on a development set; the best
 * wins. The candidates are, in order: the prompts the program has now (the baseline; zero-shot when they have no
 * demos), labeled demos only, BootstrapFewShot over the training set in its seeded order, then
 * {@code candidates} more BootstrapFewShot runs, each with its own seed and a random number (1 to
 * {@code maxBootstrappedDemos}) of bootstrapped demos. Ties keep the earlier candidate. The winner is the candidate
 * that was scored, prompt for prompt.
 *
 * <p>With a checkpoint file, each candidate's prompts and score are written as soon as they are known; a rerun of
 * the same search (same settings, data, program and model) skips the candidates already scored.
 */
public final class RandomSearch implements Optimizer {
    /**
     * One candidate's result.
     *
     * @param index its position: 0 the baseline, 1 labeled only, 2 unshuffled bootstrap, 3+ random
     * @param description what it is
     * @param score its mean score on the development set
     */
    public record Candidate(int index, String description, double score) {}

    /**
     * The search's outcome.
     *
     * @param run the winner, as every optimizer reports it
     * @param candidates every candidate's score, in order
     * @param winner the winning candidate's index
     */
    public record Result(OptimizationRun run, List<Candidate> candidates, int winner) {
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
    private final Consumer<Candidate> onCandidate;
    private final Consumer<String> log;

    private RandomSearch(Builder builder) {
        this.metric = builder.metric;
        this.candidates = builder.candidates;
        this.maxBootstrappedDemos = builder.maxBootstrappedDemos;
        this.maxLabeledDemos = builder.maxLabeledDemos;
        this.concurrency = builder.concurrency;
        this.seed = builder.seed;
        this.checkpoint = builder.checkpoint;
        this.onCandidate = builder.onCandidate;
        this.log = builder.log;
    }

    /** @param metric scores predictions (bootstrapping keeps runs scoring 1) */
    public static Builder builder(Metric metric) {
        return new Builder(metric);
    }

    @Override
    public String name() {
        return "BootstrapFewShotWithRandomSearch";
    }

    @Override
    public OptimizationRun compile(Signet student, ProgramFactory program, List<Example> trainset,
            List<Example> devset) {
        return search(student, program, trainset, devset).run();
    }

    /** The search, with every candidate's score: what {@link #compile} reports, and more. */
    public Result search(Signet student, ProgramFactory program, List<Example> trainset, List<Example> devset) {
        if (devset.isEmpty()) {
            throw new IllegalArgumentException("RandomSearch scores candidates on a development set; it is empty");
        }
        Map<String, Predictor> predictors = LabeledFewShot.predictors(student, program, trainset);
        Calls calls = Calls.on(student);
        Checkpoint saved = new Checkpoint(checkpoint, settings(), student, predictors, trainset, devset, log,
                RandomSearch::check);
        ObjectNode state = saved.read();
        ObjectNode scores = object(state, "scores");
        ObjectNode prompts = object(state, "prompts");
        List<Candidate> results = new ArrayList<>();
        List<Map<String, PromptState>> chosen = new ArrayList<>();
        int total = 3 + candidates;
        for (int index = 0; index < total; index++) {
            String key = String.valueOf(index);
            Map<String, PromptState> candidate = prompts.has(key) && scores.has(key)
                    ? read(prompts.get(key), predictors)
                    : null;
            double score;
            if (candidate != null) {
                score = scores.get(key).asDouble();
            } else {
                candidate = candidate(index, calls.handle(), program, trainset, predictors);
                score = Evaluator.builder().concurrency(concurrency).build().evaluate(devset,
                        program.build(calls.handle().withPrompts(candidate)), metric).meanScore();
                prompts.set(key, write(candidate, predictors));
                scores.put(key, score);
                saved.write(state);
            }
            Candidate result = new Candidate(index, describe(index, predictors), score);
            results.add(result);
            chosen.add(candidate);
            onCandidate.accept(result);
        }
        int winner = 0;
        for (Candidate candidate : results) {
            if (candidate.score() > results.get(winner).score()) {
                winner = candidate.index();
            }
        }
        OptimizationRun run = OptimizationRun.builder(name())
                .predictors(Programs.tuned(predictors, chosen.get(winner)))
                .setting("candidates", candidates).setting("maxBootstrappedDemos", maxBootstrappedDemos)
                .setting("maxLabeledDemos", maxLabeledDemos).setting("seed", seed)
                .seed(seed)
                .data(trainset, devset)
                .scores(results.get(0).score(), results.get(winner).score())
                .calls(calls.count(), calls.usage())
                .model(student.languageModel().defaultModel().orElse(null))
                .provenance("winner", winner)
                .report(String.format(Locale.ROOT, "Random search over bootstrapped demo sets: baseline %.4f, "
                        + "winner %.4f (candidate %d of %d) on %d development examples.", results.get(0).score(),
                        results.get(winner).score(), winner + 1, total, devset.size()), report(results, winner))
                .build();
        return new Result(run, results, winner);
    }

    /** A saved search: candidates' scores (each in [0, 1]) and prompts, by candidate index. */
    private static void check(ObjectNode state) {
        if (state.has("scores")) {
            Checkpoint.shape(state.get("scores"), state.get("scores").isObject(), "scores", "an object")
                    .fields().forEachRemaining(e -> Checkpoint.score(e.getValue(), "scores." + e.getKey()));
        }
        if (state.has("prompts")) {
            Checkpoint.shape(state.get("prompts"), state.get("prompts").isObject(), "prompts", "an object")
                    .fields().forEachRemaining(e -> Checkpoint.shape(e.getValue(), e.getValue().isObject(),
                            "prompts." + e.getKey(), "an object"));
        }
    }

    private static ObjectNode object(ObjectNode state, String name) {
        return state.get(name) instanceof ObjectNode node ? node : state.putObject(name);
    }

    private static ObjectNode write(Map<String, PromptState> candidate, Map<String, Predictor> predictors) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        candidate.forEach((name, prompt) -> node.set(name, Checkpoint.prompt(predictors.get(name), prompt)));
        return node;
    }

    /** A saved candidate, or null when it can't be read back (then it is scored again). */
    private static Map<String, PromptState> read(JsonNode saved, Map<String, Predictor> predictors) {
        Map<String, PromptState> candidate = new LinkedHashMap<>();
        for (Map.Entry<String, Predictor> entry : predictors.entrySet()) {
            JsonNode prompt = saved.get(entry.getKey());
            if (prompt == null || !prompt.isObject()) {
                return null;
            }
            PromptState state = Checkpoint.prompt(entry.getValue(), prompt);
            if (state == null) {
                return null;
            }
            candidate.put(entry.getKey(), state);
        }
        return candidate;
    }

    private Map<String, PromptState> candidate(int index, Signet student, ProgramFactory program,
            List<Example> trainset, Map<String, Predictor> predictors) {
        switch (index) {
            case 0:
                return Programs.current(predictors);
            case 1: {
                List<Map<String, Object>> demos = LabeledFewShot.builder().k(maxLabeledDemos).seed(seed).build()
                        .demos(trainset);
                Map<String, PromptState> labeled = new LinkedHashMap<>();
                predictors.forEach((name, predictor) -> labeled.put(name, predictor.promptState().withDemos(demos)));
                return labeled;
            }
            default: {
                long candidateSeed = seed + index;
                int demos = index == 2 ? maxBootstrappedDemos
                        : 1 + new Random(candidateSeed).nextInt(Math.max(1, maxBootstrappedDemos));
                BootstrapFewShot.Bootstrapped result = BootstrapFewShot.builder(metric).maxBootstrappedDemos(demos)
                        .maxLabeledDemos(maxLabeledDemos).concurrency(concurrency).seed(candidateSeed).build()
                        .bootstrap(student, program, trainset);
                Map<String, PromptState> bootstrapped = new LinkedHashMap<>();
                predictors.forEach((name, predictor) -> bootstrapped.put(name,
                        result.prompts().getOrDefault(name, predictor.promptState())));
                return bootstrapped;
            }
        }
    }

    private static String describe(int index, Map<String, Predictor> predictors) {
        switch (index) {
            case 0:
                return predictors.values().stream().allMatch(p -> p.promptState().demos().isEmpty())
                        ? "zero-shot" : "the current prompts";
            case 1:
                return "labeled demos only";
            case 2:
                return "bootstrapped, training set in its seeded order";
            default:
                return "bootstrapped, random candidate " + (index - 2);
        }
    }

    private static String report(List<Candidate> results, int winner) {
        List<String> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (Candidate candidate : results) {
            labels.add((candidate.index() + 1) + ". " + candidate.description());
            scores.add(candidate.score());
        }
        return "<h2>Every candidate's development score</h2>\n"
                + Charts.bars(labels, scores, winner, results.get(0).score())
                + String.format(Locale.ROOT, "\n<p>Winner: candidate %d, %.4f.</p>%n", winner + 1,
                        results.get(winner).score());
    }

    /** The settings a checkpoint belongs to. */
    private String settings() {
        return "RandomSearch;candidates=" + candidates + ";maxBootstrapped=" + maxBootstrappedDemos + ";maxLabeled="
                + maxLabeledDemos + ";seed=" + seed;
    }

    /** Builds a {@link RandomSearch}. */
    public static final class Builder {
        private final Metric metric;
        private int candidates = 4;
        private int maxBootstrappedDemos = 4;
        private int maxLabeledDemos = 16;
        private int concurrency = 8;
        private long seed;
        private Path checkpoint;
        private Consumer<Candidate> onCandidate = candidate -> { };
        private Consumer<String> log = line -> { };

        private Builder(Metric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /** How many random bootstrap candidates, after the three fixed ones; default 4. */
        public Builder candidates(int candidates) {
            if (candidates < 0) {
                throw new IllegalArgumentException("candidates must be >= 0, was " + candidates);
            }
            this.candidates = candidates;
            return this;
        }

        public Builder maxBootstrappedDemos(int max) {
            this.maxBootstrappedDemos = max;
            return this;
        }

        public Builder maxLabeledDemos(int max) {
            this.maxLabeledDemos = max;
            return this;
        }

        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Writes each candidate's prompts and score to this file, and resumes from it. */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            return this;
        }

        /** Told each candidate as soon as it is scored (or read from the checkpoint). */
        public Builder onCandidate(Consumer<Candidate> listener) {
            this.onCandidate = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Told, in one line, why a checkpoint was not resumed. */
        public Builder log(Consumer<String> lines) {
            this.log = Objects.requireNonNull(lines, "lines");
            return this;
        }

        public RandomSearch build() {
            return new RandomSearch(this);
        }
    }
}
