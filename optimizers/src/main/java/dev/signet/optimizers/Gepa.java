package dev.signet.optimizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Predictor;
import dev.signet.PredictorCall;
import dev.signet.Signet;
import dev.signet.adapter.OutputParseException;
import dev.signet.core.PromptState;
import dev.signet.eval.Dataset;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * GEPA (Agrawal et al., 2025): reflective evolution of a program's instructions on a Pareto frontier.
 *
 * <p>A pool of candidates, each a map of predictor name to instruction (the {@link GepaCandidate} shape) with
 * its score on every example of the development set, starts with the program's current instructions. Each
 * iteration: a parent is drawn from the per-example Pareto frontier (candidates that are best on at least one
 * example and not dominated, weighted by the number of such examples); one of its predictors, round-robin, is
 * mutated: the parent runs on a minibatch of the training set with traces, the predictor's inputs, outputs,
 * scores and the metric's textual feedback go to the {@link ReflectOnFeedback} program (on the reflection
 * handle, which may use a stronger model), which writes a new instruction; the child runs on the same minibatch
 * and joins the pool, after a full evaluation, only if it scores higher there. An iteration makes
 * {@code parallelProposals} such proposals at once (as the gepa library's parallel proposals do), each from its own
 * parent and minibatch, and adds the accepted children in order, so that a run is still deterministic for a seed. Optionally, each accepted child
 * schedules a merge, tried at the start of a later iteration: two frontier candidates that changed different
 * predictors of a common ancestor are combined, and kept if they do at least as well as both on a development
 * subsample. The run
 * stops before an iteration could exceed {@code maxMetricCalls} (every scored example is one metric call).
 *
 * <p>Give the metric feedback ({@code new Score(value, "why")}): it is what reflection learns from. Demos are
 * left as they are. Deterministic for a seed (on a deterministic or cached model); with a checkpoint, resumable
 * after every iteration.
 */
public final class Gepa implements Optimizer {
    /**
     * A candidate of the pool.
     *
     * @param index its position in the pool (0 is the seed)
     * @param instructions predictor name to instruction
     * @param parents the candidates it came from: none for the seed, one for a mutation, two for a merge
     * @param scores its score on every development example, in order
     * @param discoveredAt the metric calls spent when it joined the pool
     * @param origin how it was made: "seed", "reflection on NAME" or "merge of I and J"
     */
    public record Candidate(int index, Map<String, String> instructions, List<Integer> parents, List<Double> scores,
            long discoveredAt, String origin) {
        public Candidate {
            instructions = Collections.unmodifiableMap(new LinkedHashMap<>(instructions));
            parents = List.copyOf(parents);
            scores = List.copyOf(scores);
        }

        /** @return the mean development score */
        public double mean() {
            return scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    /**
     * The pool after a change.
     *
     * @param metricCalls metric calls spent so far
     * @param frontierScore the mean over development examples of the best score any candidate has on it
     * @param bestScore the best candidate's mean score
     * @param candidates the pool's size
     */
    public record FrontierPoint(long metricCalls, double frontierScore, double bestScore, int candidates) {}

    /**
     * One iteration, as it is reported.
     *
     * @param iteration its number, from 1
     * @param metricCalls metric calls spent after it
     * @param outcome what happened, in a few words
     * @param bestScore the best candidate's mean development score after it
     * @param accepted whether a new candidate joined the pool
     */
    public record Progress(int iteration, long metricCalls, String outcome, double bestScore, boolean accepted) {}

    /**
     * The run's outcome.
     *
     * @param run the winner (its instructions, the demos unchanged), as every optimizer reports it
     * @param candidates the whole pool
     * @param winner the index of the candidate with the best mean development score
     * @param history the pool after the seed's evaluation and after every change
     * @param metricCalls metric calls spent
     * @param maxMetricCalls the budget
     * @param iterations iterations run
     */
    public record Result(OptimizationRun run, List<Candidate> candidates, int winner, List<FrontierPoint> history,
            long metricCalls, long maxMetricCalls, int iterations) {
        public Result {
            candidates = List.copyOf(candidates);
            history = List.copyOf(history);
        }

        /** @return the winner's ancestry, from the seed to the winner (following first parents) */
        public List<Integer> lineage() {
            List<Integer> chain = new ArrayList<>();
            for (int at = winner; ; at = candidates.get(at).parents().get(0)) {
                chain.add(0, at);
                if (candidates.get(at).parents().isEmpty()) {
                    return chain;
                }
            }
        }

        /** @return the winner as a GEPA candidate: predictor name to instruction */
        public Map<String, String> bestCandidate() {
            return candidates.get(winner).instructions();
        }
    }

    private final Builder settings;

    private Gepa(Builder builder) {
        this.settings = builder.copy();
    }

    /** @param metric scores predictions; its feedback is what reflection learns from */
    public static Builder builder(Metric metric) {
        return new Builder(metric);
    }

    @Override
    public String name() {
        return "GEPA";
    }

    @Override
    public OptimizationRun compile(Signet student, ProgramFactory program, List<Example> trainset,
            List<Example> devset) {
        return search(student, program, trainset, devset).run();
    }

    /**
     * Evolves the program's instructions.
     *
     * @param student the handle the program runs on (its prompt states are the starting point)
     * @param program builds the program on a handle
     * @param trainset the examples minibatches are drawn from, for reflection
     * @param devset the examples every accepted candidate is scored on (the Pareto set)
     * @throws IllegalArgumentException if a set is empty, or the budget can't pay for the seed's evaluation
     */
    public Result search(Signet student, ProgramFactory program, List<Example> trainset, List<Example> devset) {
        Builder s = settings;
        if (trainset.isEmpty() || devset.isEmpty()) {
            throw new IllegalArgumentException("GEPA needs a training and a development set; got " + trainset.size()
                    + " and " + devset.size() + " examples");
        }
        if (s.maxMetricCalls < devset.size()) {
            throw new IllegalArgumentException("GEPA's budget of " + s.maxMetricCalls + " metric calls can't pay for "
                    + "the first evaluation of the development set (" + devset.size() + " examples); raise "
                    + "maxMetricCalls");
        }
        Calls calls = Calls.on(student);
        Signet handle = calls.handle();
        Checkpoint checkpoint = new Checkpoint(s.checkpoint, settingsKey(), student,
                Programs.created(student, program), trainset, devset, s.log, Pool::check);
        ObjectNode state = checkpoint.read();
        Pool pool = Pool.read(state);
        Signet reflection = s.reflection != null ? calls.counted(s.reflection) : handle;
        int batch = Math.min(s.minibatchSize, trainset.size());

        // The program's predictors, as runs on the development set show them (a program may call some only for
        // some inputs). A fresh run learns them from the seed's evaluation; a resumed one traces the set again.
        Map<String, Predictor> predictors;
        List<Rollouts.Rollout> seedRuns = null;
        Map<String, Predictor> created = Programs.created(handle, program);
        if (pool.candidates.isEmpty()) {
            seedRuns = Rollouts.run(handle, program, devset, s.metric, s.concurrency);
            pool.calls += devset.size();
            predictors = Programs.called(seedRuns);
            pool.predictors = List.copyOf(predictors.keySet());
        } else if (created.keySet().containsAll(pool.predictors) && !pool.predictors.isEmpty()) {
            predictors = new LinkedHashMap<>();
            pool.predictors.forEach(name -> predictors.put(name, created.get(name))); // no call needed
        } else {
            predictors = Programs.called(Rollouts.run(handle, program, devset,
                    (example, prediction) -> Score.of(0), s.concurrency));
        }
        List<String> names = new ArrayList<>(predictors.keySet());
        Map<String, PromptState> base = Programs.current(predictors);
        if (seedRuns != null) {
            Map<String, String> seed = new LinkedHashMap<>();
            base.forEach((name, prompt) -> seed.put(name, prompt.instructions()));
            List<Double> scores = Arrays.stream(Rollouts.scores(seedRuns)).boxed().toList();
            pool.add(new Candidate(0, seed, List.of(), scores, pool.calls, "seed"), 0);
            pool.save(state);
            checkpoint.write(state);
        }
        ExecutorService proposers = Executors.newFixedThreadPool(s.parallelProposals, runnable -> {
            Thread thread = new Thread(runnable, "signet-gepa-proposal");
            thread.setDaemon(true);
            return thread;
        });
        try {
            while (true) {
                int t = pool.iteration + 1;
                Random random = new Random(s.seed * 1_000_003L + t);
                if (pool.plan.isEmpty()) {
                    // Every proposal may cost two minibatches and, if accepted, a full evaluation: only as many start
                    // as the budget pays for in the worst case, so it is never exceeded.
                    int proposals = 0;
                    while (proposals < s.parallelProposals
                            && pool.calls + (proposals + 1) * (2L * batch + devset.size()) <= s.maxMetricCalls) {
                        proposals++;
                    }
                    if (proposals == 0) {
                        break;
                    }
                    int poolBefore = pool.candidates.size();
                    if (s.useMerge && pool.mergesDue > 0 && pool.merges < s.maxMergeInvocations) {
                        pool.mergesDue--;
                        String merged = merge(pool, handle, program, base, devset, random);
                        if (merged != null) {
                            pool.iteration = t;
                            pool.save(state);
                            checkpoint.write(state);
                            s.onProgress.accept(new Progress(t, pool.calls, merged,
                                    pool.candidates.get(pool.winner()).mean(), pool.candidates.size() > poolBefore));
                            continue;
                        }
                    }
                    // Parents, predictors and minibatches are chosen in order, before any run, and saved: the same
                    // for a seed, and a run killed mid-iteration resumes the same proposals.
                    for (int j = 0; j < proposals; j++) {
                        Candidate parent = pool.candidates.get(pool.selectParent(random));
                        String predictor = names.get(pool.selections.get(parent.index()) % names.size());
                        pool.selections.set(parent.index(), pool.selections.get(parent.index()) + 1);
                        pool.plan.add(new Planned(parent.index(), predictor, (t - 1) * s.parallelProposals + j + 1));
                    }
                    pool.applied = 0;
                    pool.save(state);
                    checkpoint.write(state);
                }
                List<CompletableFuture<Proposal>> running = new ArrayList<>();
                for (Planned planned : pool.plan.subList(pool.applied, pool.plan.size())) {
                    Candidate parent = pool.candidates.get(planned.parent());
                    List<Example> minibatch = minibatch(trainset, batch, planned.minibatch());
                    running.add(CompletableFuture.supplyAsync(() -> propose(handle, reflection, program, base,
                            parent, planned.predictor(), minibatch, devset), proposers));
                }
                for (CompletableFuture<Proposal> future : running) {
                    Proposal proposal = Failures.join(future);
                    pool.calls += proposal.metricCalls();
                    boolean accepted = false;
                    String outcome = proposal.outcome();
                    if (proposal.child() != null && !pool.has(proposal.child())) {
                        Candidate child = new Candidate(pool.candidates.size(), proposal.child(),
                                List.of(proposal.parent()), proposal.scores(), pool.calls,
                                "reflection on " + proposal.predictor());
                        pool.add(child, 0);
                        accepted = true;
                        outcome = String.format(Locale.ROOT, "candidate %d %s, development %.4f", child.index(),
                                outcome, child.mean());
                        if (s.useMerge) {
                            pool.mergesDue++;
                        }
                    } else if (proposal.child() != null) {
                        outcome = "reflection on " + proposal.predictor() + " proposed a candidate already in the pool";
                    }
                    pool.applied++;
                    if (pool.applied == pool.plan.size()) {
                        pool.plan.clear();
                        pool.applied = 0;
                        pool.iteration = t;
                    }
                    pool.save(state);
                    checkpoint.write(state);
                    s.onProgress.accept(new Progress(t, pool.calls, outcome, pool.candidates.get(pool.winner()).mean(),
                            accepted));
                }
            }
        } finally {
            proposers.shutdownNow();
        }
        int winner = pool.winner();
        Map<String, PromptState> prompts = prompts(base, pool.candidates.get(winner).instructions());
        Result partial = new Result(null, pool.candidates, winner, pool.history, pool.calls, s.maxMetricCalls,
                pool.iteration);
        List<Object> lineage = new ArrayList<>(partial.lineage());
        OptimizationRun run = OptimizationRun.builder(name())
                .predictors(Programs.tuned(predictors, prompts))
                .setting("maxMetricCalls", s.maxMetricCalls).setting("minibatchSize", s.minibatchSize)
                .setting("parallelProposals", s.parallelProposals).setting("useMerge", s.useMerge)
                .setting("seed", s.seed)
                .seed(s.seed)
                .data(trainset, devset)
                .scores(pool.candidates.get(0).mean(), pool.candidates.get(winner).mean())
                .calls(calls.count(), calls.usage())
                .model(student.languageModel().defaultModel().orElse(null))
                .provenance("metricCalls", pool.calls)
                .provenance("candidates", pool.candidates.size())
                .provenance("lineage", lineage)
                .report(String.format(Locale.ROOT, "GEPA: seed %.4f, winner %.4f (candidate %d of %d) after %d "
                        + "iterations and %d of %d metric calls.", pool.candidates.get(0).mean(),
                        pool.candidates.get(winner).mean(), winner, pool.candidates.size(), pool.iteration, pool.calls,
                        s.maxMetricCalls), report(partial))
                .build();
        return new Result(run, pool.candidates, winner, pool.history, pool.calls, s.maxMetricCalls, pool.iteration);
    }

    /** A proposal chosen at the start of an iteration: its parent, the predictor to mutate, its minibatch. */
    private record Planned(int parent, String predictor, int minibatch) {}

    /**
     * One reflective mutation, run on its own thread: the parent on the minibatch, the reflection, the child on the
     * minibatch and, if it does better, on the whole development set.
     *
     * @param parent the parent's index
     * @param child the child's instructions if it was accepted, else null
     * @param scores the child's development scores, if accepted
     * @param metricCalls the examples scored
     */
    private record Proposal(int parent, String predictor, Map<String, String> child, List<Double> scores,
            long metricCalls, String outcome) {}

    private Proposal propose(Signet handle, Signet reflection, ProgramFactory program, Map<String, PromptState> base,
            Candidate parent, String predictor, List<Example> minibatch, List<Example> devset) {
        Builder s = settings;
        List<Rollouts.Rollout> before = Rollouts.run(handle(handle, base, parent.instructions()), program, minibatch,
                s.metric, s.concurrency);
        long spent = minibatch.size();
        double[] parentScores = Rollouts.scores(before);
        List<Map<String, Object>> records = reflectiveDataset(before, predictor);
        if (Arrays.stream(parentScores).allMatch(v -> v >= 1.0)) {
            return new Proposal(parent.index(), predictor, null, null, spent, "the minibatch was perfect for "
                    + "candidate " + parent.index() + "; nothing to learn");
        }
        if (records.isEmpty()) {
            return new Proposal(parent.index(), predictor, null, null, spent, predictor + " was not called on the "
                    + "minibatch");
        }
        String current = parent.instructions().get(predictor);
        String proposed;
        try {
            proposed = ReflectOnFeedbackPredictor.create(reflection).reflect(current, Programs.jsonLines(records));
        } catch (OutputParseException e) {
            // one unreadable reflection is not worth the run: note it and go on
            return new Proposal(parent.index(), predictor, null, null, spent, "reflection on " + predictor
                    + " gave a reply that could not be parsed: " + e.getMessage());
        }
        proposed = proposed == null ? "" : proposed.strip();
        if (proposed.isEmpty() || proposed.equals(current)) {
            return new Proposal(parent.index(), predictor, null, null, spent, "reflection on " + predictor
                    + " proposed nothing new");
        }
        Map<String, String> child = new LinkedHashMap<>(parent.instructions());
        child.put(predictor, proposed);
        double[] childScores = Rollouts.scores(Rollouts.run(handle(handle, base, child), program, minibatch, s.metric,
                s.concurrency));
        spent += minibatch.size();
        double sumBefore = Arrays.stream(parentScores).sum();
        double sumAfter = Arrays.stream(childScores).sum();
        if (sumAfter <= sumBefore) {
            return new Proposal(parent.index(), predictor, null, null, spent, String.format(Locale.ROOT,
                    "reflection on %s rejected: minibatch %.2f -> %.2f", predictor, sumBefore, sumAfter));
        }
        List<Double> scores = evaluate(handle, program, base, child, devset);
        spent += devset.size();
        return new Proposal(parent.index(), predictor, child, scores, spent, String.format(Locale.ROOT,
                "(reflection on %s): minibatch %.2f -> %.2f", predictor, sumBefore, sumAfter));
    }

    /** The report's section: the frontier's growth, and the winner's lineage. */
    private static String report(Result result) {
        Candidate winner = result.candidates().get(result.winner());
        List<double[]> frontier = new ArrayList<>();
        List<double[]> best = new ArrayList<>();
        for (FrontierPoint point : result.history()) {
            frontier.add(new double[] {point.metricCalls(), point.frontierScore()});
            best.add(new double[] {point.metricCalls(), point.bestScore()});
        }
        List<double[]> found = new ArrayList<>();
        result.candidates().forEach(c -> found.add(new double[] {c.discoveredAt(), c.mean()}));
        StringBuilder html = new StringBuilder("<h2>The Pareto frontier's growth over metric calls</h2>\n")
                .append(Charts.plot(String.format(Locale.ROOT, "metric calls (budget %d, used %d)",
                        result.maxMetricCalls(), result.metricCalls()), result.maxMetricCalls(), List.of(
                        new Charts.Series("best candidate", Charts.OTHER, best, true, false, false),
                        new Charts.Series("Pareto frontier (best per example)", Charts.WINNER, frontier, true, false,
                                false),
                        new Charts.Series("candidates found", "#555", found, false, true, true)),
                        result.candidates().get(0).mean()));
        html.append(String.format(Locale.ROOT, "<p>%d candidates over %d iterations; the winner, candidate %d, scores "
                + "%.4f.</p>%n<h2>The winner's lineage</h2>%n<table><tr><th>candidate</th><th>made by</th><th>score"
                + "</th><th>instructions</th></tr>%n", result.candidates().size(), result.iterations(), winner.index(),
                winner.mean()));
        for (int index : result.lineage()) {
            Candidate candidate = result.candidates().get(index);
            html.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%.4f</td><td>", index,
                    Charts.escape(candidate.origin()), candidate.mean()));
            candidate.instructions().forEach((name, text) -> html.append("<b>").append(Charts.escape(name))
                    .append("</b>: ").append(Charts.escape(text)).append("<br>"));
            html.append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /**
     * Merges two frontier candidates that improved different predictors of a common ancestor, if the budget
     * allows: scored on a development subsample, it joins the pool if it does at least as well there as both.
     *
     * @return what happened, or null when no pair qualified
     */
    private String merge(Pool pool, Signet student, ProgramFactory program, Map<String, PromptState> base,
            List<Example> devset, Random random) {
        int sample = Math.min(devset.size(), Math.max(2 * settings.minibatchSize, 5));
        if (pool.calls + sample + devset.size() > settings.maxMetricCalls) {
            return null;
        }
        List<Integer> frontier = pool.frontier();
        Collections.shuffle(frontier, random);
        for (int a = 0; a < frontier.size(); a++) {
            for (int b = a + 1; b < frontier.size(); b++) {
                Candidate i = pool.candidates.get(Math.min(frontier.get(a), frontier.get(b)));
                Candidate j = pool.candidates.get(Math.max(frontier.get(a), frontier.get(b)));
                Set<Integer> ancestorsI = pool.ancestors(i.index());
                Set<Integer> ancestorsJ = pool.ancestors(j.index());
                if (ancestorsI.contains(j.index()) || ancestorsJ.contains(i.index())) {
                    continue;
                }
                int common = ancestorsI.stream().filter(ancestorsJ::contains).mapToInt(Integer::intValue).max()
                        .orElse(-1);
                if (common < 0) {
                    continue;
                }
                Map<String, String> ancestor = pool.candidates.get(common).instructions();
                Map<String, String> merged = new LinkedHashMap<>();
                for (String name : ancestor.keySet()) {
                    merged.put(name, !i.instructions().get(name).equals(ancestor.get(name))
                            ? i.instructions().get(name) : j.instructions().get(name));
                }
                if (merged.equals(i.instructions()) || merged.equals(j.instructions()) || pool.has(merged)) {
                    continue;
                }
                pool.merges++;
                List<Integer> indices = new ArrayList<>();
                for (int k = 0; k < devset.size(); k++) {
                    indices.add(k);
                }
                Collections.shuffle(indices, random);
                indices = indices.subList(0, sample);
                List<Example> subsample = indices.stream().map(devset::get).toList();
                double[] scores = Rollouts.scores(Rollouts.run(handle(student, base, merged), program, subsample,
                        settings.metric, settings.concurrency));
                pool.calls += subsample.size();
                double mergedSum = Arrays.stream(scores).sum();
                double iSum = indices.stream().mapToDouble(k -> i.scores().get(k)).sum();
                double jSum = indices.stream().mapToDouble(k -> j.scores().get(k)).sum();
                if (mergedSum < Math.max(iSum, jSum)) {
                    return String.format(Locale.ROOT, "merge of %d and %d rejected", i.index(), j.index());
                }
                List<Double> full = evaluate(student, program, base, merged, devset);
                pool.calls += devset.size();
                Candidate candidate = new Candidate(pool.candidates.size(), merged, List.of(i.index(), j.index()),
                        full, pool.calls, "merge of " + i.index() + " and " + j.index());
                pool.add(candidate, 0);
                return String.format(Locale.ROOT, "candidate %d (merge of %d and %d), development %.4f",
                        candidate.index(), i.index(), j.index(), candidate.mean());
            }
        }
        return null;
    }

    /** The reflective dataset of one predictor: its inputs and outputs in each run, the score and the feedback. */
    private static List<Map<String, Object>> reflectiveDataset(List<Rollouts.Rollout> rollouts, String predictor) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Rollouts.Rollout rollout : rollouts) {
            for (PredictorCall call : rollout.calls()) {
                if (!call.predictorName().equals(predictor)) {
                    continue;
                }
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("inputs", call.inputs());
                record.put("generated_outputs", call.succeeded() ? call.outputs().asMap()
                        : "error: " + call.error().getMessage());
                record.put("score", rollout.score().value());
                record.put("feedback", rollout.feedback());
                records.add(record);
            }
        }
        return records;
    }

    /** Minibatch {@code t}: the next {@code size} examples of a sequence of seeded shuffles of the training set. */
    private List<Example> minibatch(List<Example> trainset, int size, int t) {
        List<Example> batch = new ArrayList<>();
        for (long k = (long) (t - 1) * size; k < (long) t * size; k++) {
            int epoch = (int) (k / trainset.size());
            batch.add(Dataset.shuffled(trainset, settings.seed + 31L * epoch).get((int) (k % trainset.size())));
        }
        return batch;
    }

    private List<Double> evaluate(Signet student, ProgramFactory program, Map<String, PromptState> base,
            Map<String, String> instructions, List<Example> devset) {
        double[] scores = Rollouts.scores(Rollouts.run(handle(student, base, instructions), program, devset,
                settings.metric, settings.concurrency));
        return Arrays.stream(scores).boxed().toList();
    }

    private static Signet handle(Signet student, Map<String, PromptState> base, Map<String, String> instructions) {
        return student.withPrompts(prompts(base, instructions));
    }

    private static Map<String, PromptState> prompts(Map<String, PromptState> base, Map<String, String> instructions) {
        Map<String, PromptState> prompts = new LinkedHashMap<>();
        base.forEach((name, prompt) -> prompts.put(name, new PromptState(instructions.get(name), prompt.demos())));
        return prompts;
    }

    /** What a checkpoint must have been written with to be resumed (the budget may differ: it can grow). */
    String settingsKey() {
        Builder s = settings;
        return "GEPA;minibatch=" + s.minibatchSize + ";merge=" + s.useMerge + ";maxMerges=" + s.maxMergeInvocations
                + ";parallel=" + s.parallelProposals + ";seed=" + s.seed;
    }

    /** The pool and the run's counters, as the checkpoint keeps them. */
    private static final class Pool {
        final List<Candidate> candidates = new ArrayList<>();
        final List<Integer> selections = new ArrayList<>();
        final List<FrontierPoint> history = new ArrayList<>();
        /** The proposals of the iteration under way, chosen at its start, and how many are applied. */
        final List<Planned> plan = new ArrayList<>();
        int applied;
        List<String> predictors = List.of();
        long calls;
        int iteration;
        int merges;
        int mergesDue;

        void add(Candidate candidate, int selected) {
            candidates.add(candidate);
            selections.add(selected);
            double frontier = 0;
            int examples = candidate.scores().size();
            for (int k = 0; k < examples; k++) {
                int at = k;
                frontier += candidates.stream().mapToDouble(c -> c.scores().get(at)).max().orElse(0);
            }
            history.add(new FrontierPoint(candidate.discoveredAt(), frontier / examples,
                    candidates.get(winner()).mean(), candidates.size()));
        }

        boolean has(Map<String, String> instructions) {
            return candidates.stream().anyMatch(c -> c.instructions().equals(instructions));
        }

        int winner() {
            int best = 0;
            for (Candidate candidate : candidates) {
                if (candidate.mean() > candidates.get(best).mean()) {
                    best = candidate.index();
                }
            }
            return best;
        }

        /** Candidates best on at least one example and dominated by none, in pool order. */
        List<Integer> frontier() {
            List<Integer> frontier = new ArrayList<>();
            for (Candidate candidate : candidates) {
                if (wins(candidate) > 0 && !dominated(candidate)) {
                    frontier.add(candidate.index());
                }
            }
            return frontier;
        }

        /** Draws a frontier candidate, weighted by the number of examples it is best on. */
        int selectParent(Random random) {
            List<Integer> frontier = frontier();
            int total = frontier.stream().mapToInt(c -> wins(candidates.get(c))).sum();
            int draw = random.nextInt(total);
            for (int c : frontier) {
                draw -= wins(candidates.get(c));
                if (draw < 0) {
                    return c;
                }
            }
            return frontier.get(frontier.size() - 1);
        }

        private int wins(Candidate candidate) {
            int wins = 0;
            for (int k = 0; k < candidate.scores().size(); k++) {
                int at = k;
                double best = candidates.stream().mapToDouble(c -> c.scores().get(at)).max().orElse(0);
                if (candidate.scores().get(k) >= best) {
                    wins++;
                }
            }
            return wins;
        }

        private boolean dominated(Candidate candidate) {
            for (Candidate other : candidates) {
                if (other == candidate) {
                    continue;
                }
                boolean noWorse = true;
                boolean better = false;
                for (int k = 0; k < candidate.scores().size(); k++) {
                    noWorse &= other.scores().get(k) >= candidate.scores().get(k);
                    better |= other.scores().get(k) > candidate.scores().get(k);
                }
                if (noWorse && (better || other.index() < candidate.index())) {
                    return true; // of two equal candidates, the earlier stays
                }
            }
            return false;
        }

        Set<Integer> ancestors(int index) {
            Set<Integer> seen = new HashSet<>();
            List<Integer> todo = new ArrayList<>(candidates.get(index).parents());
            while (!todo.isEmpty()) {
                int next = todo.remove(todo.size() - 1);
                if (seen.add(next)) {
                    todo.addAll(candidates.get(next).parents());
                }
            }
            return seen;
        }

        /**
         * A saved pool: counts, the plan, the predictors' names, and each candidate's instructions, parents (earlier
         * candidates), per-example scores in [0, 1] and counts.
         */
        static void check(ObjectNode state) {
            if (!state.has("candidates")) {
                return; // a fresh search
            }
            for (String count : List.of("metricCalls", "iteration", "merges", "mergesDue", "applied")) {
                if (state.has(count)) {
                    Checkpoint.count(state.get(count), count);
                }
            }
            JsonNode plan = Checkpoint.shape(state.path("plan"), state.path("plan").isArray()
                    || state.path("plan").isMissingNode(), "plan", "a list");
            for (int i = 0; i < plan.size(); i++) {
                Checkpoint.count(plan.get(i).get("parent"), "plan[" + i + "].parent");
                Checkpoint.text(plan.get(i).get("predictor"), "plan[" + i + "].predictor");
                Checkpoint.count(plan.get(i).get("minibatch"), "plan[" + i + "].minibatch");
            }
            Checkpoint.shape(state.path("predictors"), state.path("predictors").isArray()
                    || state.path("predictors").isMissingNode(), "predictors", "a list")
                    .forEach(n -> Checkpoint.text(n, "predictors[]"));
            JsonNode candidates = Checkpoint.shape(state.get("candidates"), state.get("candidates").isArray(),
                    "candidates", "a list");
            for (int i = 0; i < candidates.size(); i++) {
                String where = "candidates[" + i + "]";
                JsonNode node = Checkpoint.shape(candidates.get(i), candidates.get(i).isObject(), where, "an object");
                Checkpoint.shape(node.get("instructions"), node.path("instructions").isObject(),
                        where + ".instructions", "an object").forEach(n -> Checkpoint.text(n, where + ".instructions"));
                int index = i;
                Checkpoint.shape(node.get("parents"), node.path("parents").isArray(), where + ".parents", "a list")
                        .forEach(n -> {
                            if (Checkpoint.count(n, where + ".parents[]") >= index) {
                                throw new IllegalArgumentException(where + " has a parent that is not an earlier "
                                        + "candidate: " + n);
                            }
                        });
                Checkpoint.shape(node.get("scores"), node.path("scores").isArray(), where + ".scores", "a list")
                        .forEach(n -> Checkpoint.score(n, where + ".scores[]"));
                Checkpoint.count(node.get("discoveredAt"), where + ".discoveredAt");
                Checkpoint.text(node.get("origin"), where + ".origin");
                Checkpoint.count(node.get("selections"), where + ".selections");
            }
        }

        static Pool read(ObjectNode state) {
            Pool pool = new Pool();
            pool.calls = state.path("metricCalls").asLong();
            pool.iteration = state.path("iteration").asInt();
            pool.merges = state.path("merges").asInt();
            pool.mergesDue = state.path("mergesDue").asInt();
            pool.applied = state.path("applied").asInt();
            for (JsonNode node : state.path("plan")) {
                pool.plan.add(new Planned(node.path("parent").asInt(), node.path("predictor").asText(),
                        node.path("minibatch").asInt()));
            }
            List<String> names = new ArrayList<>();
            state.path("predictors").forEach(n -> names.add(n.asText()));
            pool.predictors = List.copyOf(names);
            for (JsonNode node : state.path("candidates")) {
                Map<String, String> instructions = new LinkedHashMap<>();
                node.path("instructions").fields().forEachRemaining(e -> instructions.put(e.getKey(),
                        e.getValue().asText()));
                List<Integer> parents = new ArrayList<>();
                node.path("parents").forEach(p -> parents.add(p.asInt()));
                List<Double> scores = new ArrayList<>();
                node.path("scores").forEach(v -> scores.add(v.asDouble()));
                // adding them in order rebuilds the history too
                pool.add(new Candidate(pool.candidates.size(), instructions, parents, scores,
                        node.path("discoveredAt").asLong(), node.path("origin").asText()),
                        node.path("selections").asInt());
            }
            return pool;
        }

        void save(ObjectNode state) {
            state.put("metricCalls", calls).put("iteration", iteration).put("merges", merges)
                    .put("mergesDue", mergesDue).put("applied", applied);
            ArrayNode names = state.putArray("predictors");
            predictors.forEach(names::add);
            ArrayNode planned = state.putArray("plan");
            plan.forEach(p -> planned.addObject().put("parent", p.parent()).put("predictor", p.predictor())
                    .put("minibatch", p.minibatch()));
            ArrayNode list = state.putArray("candidates");
            for (Candidate candidate : candidates) {
                ObjectNode node = list.addObject();
                ObjectNode instructions = node.putObject("instructions");
                candidate.instructions().forEach(instructions::put);
                ArrayNode parents = node.putArray("parents");
                candidate.parents().forEach(parents::add);
                ArrayNode scores = node.putArray("scores");
                candidate.scores().forEach(scores::add);
                node.put("discoveredAt", candidate.discoveredAt()).put("origin", candidate.origin())
                        .put("selections", selections.get(candidate.index()));
            }
        }
    }

    /** Builds a {@link Gepa}. */
    public static final class Builder {
        private final Metric metric;
        private long maxMetricCalls = 500;
        private int minibatchSize = 3;
        private long seed;
        private int concurrency = 8;
        private Signet reflection;
        private boolean useMerge;
        private int maxMergeInvocations = 5;
        private Path checkpoint;
        private int parallelProposals = 4;
        private Consumer<Progress> onProgress = progress -> { };
        private Consumer<String> log = line -> { };

        private Builder(Metric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
        }

        /**
         * How many reflective proposals an iteration makes at once, each from its own parent and minibatch; default
         * 4 (1 is the sequential algorithm of the paper). Up to this many times {@code concurrency} calls are then
         * in flight.
         */
        public Builder parallelProposals(int proposals) {
            if (proposals < 1) {
                throw new IllegalArgumentException("parallelProposals must be at least 1, not " + proposals);
            }
            this.parallelProposals = proposals;
            return this;
        }

        /** Told, in one line, why a checkpoint was not resumed. */
        public Builder log(Consumer<String> lines) {
            this.log = Objects.requireNonNull(lines, "lines");
            return this;
        }

        /** The budget: the most examples the metric may score, all evaluations included; default 500. */
        public Builder maxMetricCalls(long calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("maxMetricCalls must be at least 1, not " + calls);
            }
            this.maxMetricCalls = calls;
            return this;
        }

        /** Examples per reflection minibatch; default 3 (GEPA's). */
        public Builder minibatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("minibatchSize must be at least 1, not " + size);
            }
            this.minibatchSize = size;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** The handle reflection runs on (a stronger model, say); default the student's. */
        public Builder reflection(Signet handle) {
            this.reflection = handle;
            return this;
        }

        /** Whether to try merging two frontier candidates after each accepted mutation; default off. */
        public Builder useMerge(boolean merge) {
            this.useMerge = merge;
            return this;
        }

        public Builder maxMergeInvocations(int max) {
            this.maxMergeInvocations = max;
            return this;
        }

        /** Saves the pool after every iteration, and resumes from it. */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            return this;
        }

        /** Called after every iteration. */
        public Builder onProgress(Consumer<Progress> listener) {
            this.onProgress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Gepa build() {
            return new Gepa(this);
        }

        private Builder copy() {
            Builder copy = new Builder(metric);
            copy.maxMetricCalls = maxMetricCalls;
            copy.minibatchSize = minibatchSize;
            copy.seed = seed;
            copy.concurrency = concurrency;
            copy.reflection = reflection;
            copy.useMerge = useMerge;
            copy.maxMergeInvocations = maxMergeInvocations;
            copy.checkpoint = checkpoint;
            copy.onProgress = onProgress;
            copy.parallelProposals = parallelProposals;
            copy.log = log;
            return copy;
        }
    }
}
