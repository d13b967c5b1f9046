package dev.signet.optimizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.core.PromptState;
import dev.signet.eval.Dataset;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Score;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.Optimizer;
import dev.signet.optimize.ProgramFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A MIPROv2-style optimizer: tunes each predictor's instruction and demos together.
 *
 * <ol>
 *   <li><b>Demo candidates.</b> {@code demoCandidates} demo sets for every predictor: none, labeled examples only,
 *       then {@link BootstrapFewShot} runs with their own seeds and sizes.</li>
 *   <li><b>Instruction candidates.</b> The current instruction, plus {@code instructionCandidates - 1} proposals
 *       by the {@link InstructionProposer} (grounded in a description of the training data, the program, the
 *       predictor's signature, a demo set and a tip), on the proposer handle, which may use a stronger model.</li>
 *   <li><b>Search.</b> The current prompt is scored on the whole development set (the baseline). Then each trial
 *       picks an instruction and a demo set for every predictor with a {@link Tpe Tree-structured Parzen
 *       Estimator} and scores the combination on a random minibatch of the development set; every
 *       {@code fullEvalEvery} trials, and at the end, the combination with the best mean minibatch score not yet
 *       fully evaluated is scored on the whole set. The best full score wins (ties keep the earlier).</li>
 * </ol>
 *
 * <p>{@link Auto} presets set the numbers. Deterministic for a seed (on a deterministic or cached model). With a
 * checkpoint, the proposals and every trial's score are saved as soon as known; a rerun with the same settings
 * skips them (the demo candidates are rebuilt, identically on a deterministic or cached model).
 */
public final class MiproV2 implements Optimizer {
    /** Presets: candidates, trials and minibatch size. */
    public enum Auto {
        /** 3 instructions × 3 demo sets, 12 trials on minibatches of 10, a full evaluation every 4. */
        LIGHT(3, 3, 12, 10, 4),
        /** 6 × 6, 24 trials on minibatches of 20, a full evaluation every 6. */
        MEDIUM(6, 6, 24, 20, 6),
        /** 9 × 9, 48 trials on minibatches of 25, a full evaluation every 8. */
        HEAVY(9, 9, 48, 25, 8);

        final int instructions;
        final int demos;
        final int trials;
        final int minibatch;
        final int fullEvery;

        Auto(int instructions, int demos, int trials, int minibatch, int fullEvery) {
            this.instructions = instructions;
            this.demos = demos;
            this.trials = trials;
            this.minibatch = minibatch;
            this.fullEvery = fullEvery;
        }
    }

    /**
     * One predictor's choice in a trial.
     *
     * @param instruction the index of its instruction candidate (0 is the current instruction)
     * @param demos the index of its demo set (0 none, 1 labeled only, then bootstrapped)
     */
    public record Choice(int instruction, int demos) {}

    /**
     * One scored combination.
     *
     * @param index 0 for the baseline, then in order
     * @param choices each predictor's choice
     * @param score the mean score on the examples evaluated
     * @param full whether these were the whole development set (else a minibatch)
     * @param examples how many examples were evaluated
     */
    public record Trial(int index, Map<String, Choice> choices, double score, boolean full, int examples) {
        public Trial {
            choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices)); // in program order
        }
    }

    /**
     * The search's outcome.
     *
     * @param run the winner, as every optimizer reports it
     * @param baseline the current prompt's score on the development set
     * @param bestScore the winner's score on the development set
     * @param trials every trial in order, the baseline first
     * @param chosen the winning combination
     * @param instructionCandidates each predictor's instruction candidates, the current one first
     * @param demoCandidates the number of demo sets
     * @param metricCalls the metric calls this run made (bootstrapping included; not those of trials a checkpoint
     *     held)
     */
    public record Result(OptimizationRun run, double baseline, double bestScore, List<Trial> trials,
            Map<String, Choice> chosen, Map<String, List<String>> instructionCandidates, int demoCandidates,
            long metricCalls) {
        public Result {
            trials = List.copyOf(trials);
            chosen = Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
            instructionCandidates = Collections.unmodifiableMap(new LinkedHashMap<>(instructionCandidates));
        }
    }

    private final Builder settings;

    private MiproV2(Builder builder) {
        this.settings = builder.copy();
    }

    public static Builder builder(Metric metric) {
        return new Builder(metric);
    }

    @Override
    public String name() {
        return "MIPROv2";
    }

    @Override
    public OptimizationRun compile(Signet student, ProgramFactory program, List<Example> trainset,
            List<Example> devset) {
        return search(student, program, trainset, devset).run();
    }

    /**
     * Optimizes the program's predictors.
     *
     * @param student the handle the program runs on (its prompt states are the starting point)
     * @param program builds the program on a handle
     * @param trainset examples for demos and for the data description
     * @param devset examples the combinations are scored on
     */
    public Result search(Signet student, ProgramFactory program, List<Example> trainset, List<Example> devset) {
        if (trainset.isEmpty() || devset.isEmpty()) {
            throw new IllegalArgumentException("MIPROv2 needs a training and a development set; got "
                    + trainset.size() + " and " + devset.size() + " examples");
        }
        Builder s = settings;
        Calls calls = Calls.on(student);
        Signet handle = calls.handle();
        Checkpoint checkpoint = new Checkpoint(s.checkpoint, settingsKey(), student,
                Programs.created(student, program), trainset, devset, s.log, MiproV2::check);
        ObjectNode state = checkpoint.read();
        ArrayNode savedTrials = state.has("trials") ? (ArrayNode) state.get("trials") : state.putArray("trials");
        AtomicLong metricCalls = new AtomicLong();
        Metric metric = (example, prediction) -> {
            metricCalls.incrementAndGet();
            return s.metric.score(example, prediction);
        };

        // The baseline (the current prompts on the development set) shows the program's predictors: a program
        // may call some only for some inputs. A resumed run traces the set again, unscored.
        Map<String, Predictor> predictors;
        Trial baseline = trialAt(savedTrials, 0);
        if (baseline == null) {
            List<Rollouts.Rollout> runs = Rollouts.run(handle, program, devset, metric, s.concurrency);
            predictors = Programs.called(runs);
            double score = Arrays.stream(Rollouts.scores(runs)).average().orElse(0);
            int[] zeros = new int[predictors.size() * 2];
            baseline = new Trial(0, choices(new ArrayList<>(predictors.keySet()), zeros), score, true, devset.size());
            save(savedTrials, baseline);
            checkpoint.write(state);
        } else {
            predictors = Programs.called(Rollouts.run(handle, program, devset,
                    (example, prediction) -> Score.of(0), s.concurrency));
        }
        List<String> names = new ArrayList<>(predictors.keySet());

        // 1. demo candidates
        List<Map<String, List<Map<String, Object>>>> demoSets = new ArrayList<>();
        Map<String, List<Map<String, Object>>> none = new LinkedHashMap<>();
        names.forEach(name -> none.put(name, predictors.get(name).promptState().demos()));
        demoSets.add(none);
        for (int i = 1; i < s.demoCandidates; i++) {
            Map<String, List<Map<String, Object>>> set = new LinkedHashMap<>();
            if (i == 1) {
                List<Map<String, Object>> labeled = LabeledFewShot.builder().k(s.maxLabeledDemos).seed(s.seed).build()
                        .demos(trainset);
                names.forEach(name -> set.put(name, labeled));
            } else {
                int size = i == 2 ? s.maxBootstrappedDemos
                        : 1 + new Random(s.seed + i).nextInt(Math.max(1, s.maxBootstrappedDemos));
                BootstrapFewShot.Bootstrapped result = BootstrapFewShot.builder(metric).maxBootstrappedDemos(size)
                        .maxLabeledDemos(s.maxLabeledDemos).concurrency(s.concurrency).seed(s.seed + i).build()
                        .bootstrap(handle, program, trainset);
                names.forEach(name -> set.put(name, result.prompts().containsKey(name)
                        ? result.prompts().get(name).demos() : List.of()));
            }
            demoSets.add(set);
        }

        // 2. instruction candidates
        Map<String, List<String>> instructions = new LinkedHashMap<>();
        JsonNode saved = state.path("instructions");
        if (saved.isObject() && names.stream().allMatch(saved::has)) {
            for (String name : names) {
                List<String> list = new ArrayList<>();
                saved.get(name).forEach(node -> list.add(node.asText()));
                instructions.put(name, list);
            }
        } else {
            InstructionProposer proposer = new InstructionProposer(s.proposer != null ? calls.counted(s.proposer) : handle);
            List<Predictor> steps = new ArrayList<>(predictors.values());
            String description = proposer.describeDataset(Dataset.shuffled(trainset, s.seed)
                    .subList(0, Math.min(s.describeExamples, trainset.size())));
            String programDescription = s.programDescription != null ? s.programDescription
                    : InstructionProposer.describeProgram(steps);
            for (String name : names) {
                String current = predictors.get(name).promptState().instructions();
                String signature = InstructionProposer.describeSignature(predictors.get(name).modelSignature(),
                        current);
                List<String> list = new ArrayList<>(List.of(current));
                for (int i = 1; i < s.instructionCandidates; i++) {
                    List<Map<String, Object>> demos = demoSets.get(demoSets.size() == 1 ? 0
                            : 1 + (i - 1) % (demoSets.size() - 1)).get(name);
                    String tip = InstructionProposer.TIPS.get((int) Math.floorMod(s.seed + i - 1,
                            (long) InstructionProposer.TIPS.size()));
                    list.add(proposer.propose(description, programDescription, signature, demos, tip));
                }
                instructions.put(name, list);
            }
            ObjectNode node = state.putObject("instructions");
            instructions.forEach((name, list) -> {
                ArrayNode array = node.putArray(name);
                list.forEach(array::add);
            });
            state.put("datasetDescription", description);
            checkpoint.write(state);
        }

        // 3. search
        int[] cardinalities = new int[names.size() * 2];
        for (int p = 0; p < names.size(); p++) {
            cardinalities[2 * p] = instructions.get(names.get(p)).size();
            cardinalities[2 * p + 1] = demoSets.size();
        }
        Tpe tpe = new Tpe(cardinalities, Math.max(2, s.trials / 4), 0.25, 24);
        List<Trial> trials = new ArrayList<>();
        Map<String, double[]> minibatchScores = new LinkedHashMap<>(); // key -> {sum, count}
        Map<String, Double> fullScores = new LinkedHashMap<>();
        Evaluator evaluator = Evaluator.builder().concurrency(s.concurrency).build();
        int minibatch = Math.min(s.minibatchSize, devset.size());
        int slot = 0; // position in the trial sequence, the baseline and full evaluations included
        int[] baselineParams = new int[cardinalities.length];
        for (int t = 0; t <= s.trials; t++) {
            boolean fullNow = t == 0 || (t % s.fullEvalEvery == 0) || t == s.trials;
            if (t > 0) {
                int[] params = tpe.suggest(new Random(s.seed * 1_000_003L + t));
                List<Example> batch = Dataset.shuffled(devset, s.seed * 7919L + t).subList(0, minibatch);
                Trial trial = trialAt(savedTrials, slot);
                if (trial == null) {
                    double score = evaluator.evaluate(batch, program.build(handle.withPrompts(
                            prompts(names, params, instructions, demoSets))), metric).meanScore();
                    trial = new Trial(slot, choices(names, params), score, false, batch.size());
                    save(savedTrials, trial);
                    checkpoint.write(state);
                }
                tpe.observe(params, trial.score());
                double[] tally = minibatchScores.computeIfAbsent(key(params), k -> new double[2]);
                tally[0] += trial.score();
                tally[1]++;
                trials.add(trial);
                s.onTrial.accept(trial);
                slot++;
            }
            if (fullNow) {
                int[] params = t == 0 ? baselineParams : bestUnevaluated(minibatchScores, fullScores, cardinalities);
                if (params == null) {
                    continue;
                }
                Trial trial = t == 0 ? baseline : trialAt(savedTrials, slot);
                if (trial == null) {
                    double score = evaluator.evaluate(devset, program.build(handle.withPrompts(
                            prompts(names, params, instructions, demoSets))), metric).meanScore();
                    trial = new Trial(slot, choices(names, params), score, true, devset.size());
                    save(savedTrials, trial);
                    checkpoint.write(state);
                }
                fullScores.put(key(params), trial.score());
                if (t > 0) {
                    tpe.observe(params, trial.score());
                }
                trials.add(trial);
                s.onTrial.accept(trial);
                slot++;
            }
        }
        String winner = key(baselineParams);
        for (Map.Entry<String, Double> entry : fullScores.entrySet()) {
            if (entry.getValue() > fullScores.get(winner)) {
                winner = entry.getKey();
            }
        }
        int[] best = parse(winner);
        Map<String, PromptState> prompts = prompts(names, best, instructions, demoSets);
        Map<String, Choice> chosen = choices(names, best);
        double baselineScore = fullScores.get(key(baselineParams));
        double bestScore = fullScores.get(winner);
        Map<String, Object> chosenProvenance = new LinkedHashMap<>();
        chosen.forEach((name, choice) -> chosenProvenance.put(name, Map.of("instruction", choice.instruction(),
                "demos", choice.demos())));
        OptimizationRun run = OptimizationRun.builder(name())
                .predictors(Programs.tuned(predictors, prompts))
                .setting("instructionCandidates", s.instructionCandidates).setting("demoCandidates", s.demoCandidates)
                .setting("trials", s.trials).setting("minibatchSize", s.minibatchSize)
                .setting("fullEvalEvery", s.fullEvalEvery).setting("maxBootstrappedDemos", s.maxBootstrappedDemos)
                .setting("maxLabeledDemos", s.maxLabeledDemos).setting("seed", s.seed)
                .seed(s.seed)
                .data(trainset, devset)
                .scores(baselineScore, bestScore)
                .calls(calls.count(), calls.usage())
                .model(student.languageModel().defaultModel().orElse(null))
                .provenance("auto", s.preset())
                .provenance("trials", trials.size())
                .provenance("chosen", chosenProvenance)
                .provenance("metricCalls", metricCalls.get())
                .report(String.format(Locale.ROOT, "MIPROv2: baseline %.4f, winner %.4f on %d development "
                        + "examples after %d trials.", baselineScore, bestScore, devset.size(), trials.size()),
                        report(trials, chosen, instructions, prompts, baselineScore))
                .build();
        return new Result(run, baselineScore, bestScore, trials, chosen, instructions, demoSets.size(),
                metricCalls.get());
    }

    /** The report's section: every trial's score, the chosen combination, the instruction candidates. */
    private static String report(List<Trial> trials, Map<String, Choice> chosen, Map<String, List<String>> instructions,
            Map<String, PromptState> prompts, double baseline) {
        List<double[]> minibatch = new ArrayList<>();
        List<double[]> full = new ArrayList<>();
        for (Trial trial : trials) {
            (trial.full() ? full : minibatch).add(new double[] {trial.index(), trial.score()});
        }
        StringBuilder html = new StringBuilder("<h2>Every trial's score</h2>\n").append(Charts.plot("trial",
                trials.size() - 1, List.of(
                        new Charts.Series("minibatch trial", Charts.OTHER, minibatch, false, true, true),
                        new Charts.Series("full evaluation", Charts.WINNER, full, false, true, false)), baseline));
        html.append("<h2>The chosen combination</h2>\n<table><tr><th>predictor</th><th>instruction</th>"
                + "<th>demo set</th></tr>\n");
        chosen.forEach((name, choice) -> html.append("<tr><td>").append(Charts.escape(name)).append("</td><td>")
                .append(choice.instruction()).append(": ")
                .append(Charts.escape(instructions.get(name).get(choice.instruction())))
                .append("</td><td>").append(choice.demos()).append(" (").append(prompts.get(name).demos().size())
                .append(" demos)</td></tr>\n"));
        html.append("</table>\n<h2>Instruction candidates</h2>\n");
        instructions.forEach((name, list) -> {
            html.append("<h3>").append(Charts.escape(name)).append("</h3>\n<ol start=\"0\">\n");
            list.forEach(text -> html.append("<li>").append(Charts.escape(text)).append("</li>\n"));
            html.append("</ol>\n");
        });
        html.append("<h2>Trials</h2>\n<table><tr><th>#</th><th>choices (instruction, demo set)</th><th>examples"
                + "</th><th>score</th></tr>\n");
        for (Trial trial : trials) {
            html.append(String.format(java.util.Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%d%s</td><td>%.4f</td>"
                    + "</tr>%n", trial.index(), Charts.escape(describe(trial.choices())), trial.examples(),
                    trial.full() ? " (full)" : "", trial.score()));
        }
        return html.append("</table>\n").toString();
    }

    /** "instruction 1, demo set 2", per predictor when there are several. */
    static String describe(Map<String, Choice> choices) {
        List<String> parts = new ArrayList<>();
        choices.forEach((name, choice) -> parts.add((choices.size() > 1 ? name + ": " : "") + "instruction "
                + choice.instruction() + ", demo set " + choice.demos()));
        return String.join("; ", parts);
    }

    private static Map<String, PromptState> prompts(List<String> names, int[] params,
            Map<String, List<String>> instructions, List<Map<String, List<Map<String, Object>>>> demoSets) {
        Map<String, PromptState> prompts = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            String name = names.get(p);
            prompts.put(name, new PromptState(instructions.get(name).get(params[2 * p]),
                    demoSets.get(params[2 * p + 1]).get(name)));
        }
        return prompts;
    }

    private static Map<String, Choice> choices(List<String> names, int[] params) {
        Map<String, Choice> choices = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            choices.put(names.get(p), new Choice(params[2 * p], params[2 * p + 1]));
        }
        return choices;
    }

    /** The combination with the best mean minibatch score that has no full score yet; null if none. */
    private static int[] bestUnevaluated(Map<String, double[]> minibatch, Map<String, Double> full,
            int[] cardinalities) {
        String best = null;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[]> entry : minibatch.entrySet()) {
            double mean = entry.getValue()[0] / entry.getValue()[1];
            if (!full.containsKey(entry.getKey()) && mean > bestMean) {
                best = entry.getKey();
                bestMean = mean;
            }
        }
        return best == null ? null : parse(best);
    }

    private static String key(int[] params) {
        return Arrays.toString(params);
    }

    private static int[] parse(String key) {
        String inner = key.substring(1, key.length() - 1).strip();
        return inner.isEmpty() ? new int[0]
                : Arrays.stream(inner.split(",\\s*")).mapToInt(Integer::parseInt).toArray();
    }

    /** A saved search: the proposals (text), and every trial's choices, score in [0, 1] and size. */
    private static void check(ObjectNode state) {
        if (state.has("instructions")) {
            JsonNode saved = Checkpoint.shape(state.get("instructions"), state.get("instructions").isObject(),
                    "instructions", "an object");
            saved.fields().forEachRemaining(e -> Checkpoint.shape(e.getValue(), e.getValue().isArray(),
                    "instructions." + e.getKey(), "a list").forEach(n -> Checkpoint.text(n,
                    "instructions." + e.getKey() + "[]")));
        }
        if (state.has("trials")) {
            JsonNode trials = Checkpoint.shape(state.get("trials"), state.get("trials").isArray(), "trials", "a list");
            for (int i = 0; i < trials.size(); i++) {
                String where = "trials[" + i + "]";
                JsonNode trial = Checkpoint.shape(trials.get(i), trials.get(i).isObject(), where, "an object");
                Checkpoint.score(trial.get("score"), where + ".score");
                Checkpoint.shape(trial.get("full"), trial.path("full").isBoolean(), where + ".full", "true or false");
                Checkpoint.count(trial.get("examples"), where + ".examples");
                Checkpoint.shape(trial.get("choices"), trial.path("choices").isObject(), where + ".choices",
                        "an object").fields().forEachRemaining(e -> {
                            JsonNode pair = Checkpoint.shape(e.getValue(), e.getValue().isArray()
                                    && e.getValue().size() == 2, where + ".choices." + e.getKey(), "two indexes");
                            Checkpoint.count(pair.get(0), where + ".choices." + e.getKey() + "[0]");
                            Checkpoint.count(pair.get(1), where + ".choices." + e.getKey() + "[1]");
                        });
            }
        }
    }

    private static Trial trialAt(ArrayNode saved, int slot) {
        if (slot >= saved.size()) {
            return null;
        }
        JsonNode node = saved.get(slot);
        Map<String, Choice> choices = new LinkedHashMap<>();
        node.path("choices").fields().forEachRemaining(e -> choices.put(e.getKey(),
                new Choice(e.getValue().get(0).asInt(), e.getValue().get(1).asInt())));
        return new Trial(slot, choices, node.path("score").asDouble(), node.path("full").asBoolean(),
                node.path("examples").asInt());
    }

    private static void save(ArrayNode saved, Trial trial) {
        ObjectNode node = saved.addObject();
        ObjectNode choices = node.putObject("choices");
        trial.choices().forEach((name, choice) -> choices.putArray(name).add(choice.instruction()).add(choice.demos()));
        node.put("score", trial.score()).put("full", trial.full())
                .put("examples", trial.examples());
    }

    private String settingsKey() {
        Builder s = settings;
        return "MIPROv2;instructions=" + s.instructionCandidates + ";demos=" + s.demoCandidates + ";trials=" + s.trials
                + ";minibatch=" + s.minibatchSize + ";fullEvery=" + s.fullEvalEvery + ";bootstrapped="
                + s.maxBootstrappedDemos + ";labeled=" + s.maxLabeledDemos + ";seed=" + s.seed;
    }

    /** Builds a {@link MiproV2}; starts from the {@link Auto#LIGHT} preset. */
    public static final class Builder {
        private final Metric metric;
        private int instructionCandidates;
        private int demoCandidates;
        private int trials;
        private int minibatchSize;
        private int fullEvalEvery;
        private int maxBootstrappedDemos = 4;
        private int maxLabeledDemos = 4;
        private int describeExamples = 10;
        private long seed;
        private int concurrency = 8;
        private Signet proposer;
        private String programDescription;
        private Path checkpoint;
        private Consumer<Trial> onTrial = trial -> { };
        private Consumer<String> log = line -> { };

        private Builder(Metric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            auto(Auto.LIGHT);
        }

        /** Sets the numbers of candidates and trials, the minibatch size and the full-evaluation period. */
        public Builder auto(Auto preset) {
            this.instructionCandidates = preset.instructions;
            this.demoCandidates = preset.demos;
            this.trials = preset.trials;
            this.minibatchSize = preset.minibatch;
            this.fullEvalEvery = preset.fullEvery;
            return this;
        }

        public Builder instructionCandidates(int n) {
            this.instructionCandidates = positive(n, "instructionCandidates");
            return this;
        }

        public Builder demoCandidates(int n) {
            this.demoCandidates = positive(n, "demoCandidates");
            return this;
        }

        public Builder trials(int n) {
            this.trials = positive(n, "trials");
            return this;
        }

        public Builder minibatchSize(int n) {
            this.minibatchSize = positive(n, "minibatchSize");
            return this;
        }

        public Builder fullEvalEvery(int n) {
            this.fullEvalEvery = positive(n, "fullEvalEvery");
            return this;
        }

        public Builder maxBootstrappedDemos(int n) {
            this.maxBootstrappedDemos = n;
            return this;
        }

        public Builder maxLabeledDemos(int n) {
            this.maxLabeledDemos = n;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder concurrency(int n) {
            this.concurrency = positive(n, "concurrency");
            return this;
        }

        /** The handle instruction proposal runs on (another model, say); default the student's. */
        public Builder proposer(Signet handle) {
            this.proposer = handle;
            return this;
        }

        /** What the program does, for the proposer; default a list of its steps and their fields. */
        public Builder programDescription(String description) {
            this.programDescription = description;
            return this;
        }

        /** Saves proposals and trial scores to this file, and resumes from it. */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            return this;
        }

        /** Called with every trial as soon as it is scored (or read from the checkpoint). */
        public Builder onTrial(Consumer<Trial> listener) {
            this.onTrial = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Told, in one line, why a checkpoint was not resumed. */
        public Builder log(Consumer<String> lines) {
            this.log = Objects.requireNonNull(lines, "lines");
            return this;
        }

        /** @return the preset these numbers are ({@code light}, ...), or null when they were set by hand */
        private String preset() {
            for (Auto preset : Auto.values()) {
                if (preset.instructions == instructionCandidates && preset.demos == demoCandidates
                        && preset.trials == trials && preset.minibatch == minibatchSize
                        && preset.fullEvery == fullEvalEvery) {
                    return preset.name().toLowerCase(Locale.ROOT);
                }
            }
            return null;
        }

        public MiproV2 build() {
            return new MiproV2(this);
        }

        private Builder copy() {
            Builder copy = new Builder(metric);
            copy.instructionCandidates = instructionCandidates;
            copy.demoCandidates = demoCandidates;
            copy.trials = trials;
            copy.minibatchSize = minibatchSize;
            copy.fullEvalEvery = fullEvalEvery;
            copy.maxBootstrappedDemos = maxBootstrappedDemos;
            copy.maxLabeledDemos = maxLabeledDemos;
            copy.describeExamples = describeExamples;
            copy.seed = seed;
            copy.concurrency = concurrency;
            copy.proposer = proposer;
            copy.programDescription = programDescription;
            copy.checkpoint = checkpoint;
            copy.onTrial = onTrial;
            copy.log = log;
            return copy;
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, not " + n);
            }
            return n;
        }
    }
}
