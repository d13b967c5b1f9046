package dev.signet.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.FieldSpec;
import dev.signet.PredictorCall;
import dev.signet.PromptState;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.artifact.PromptArtifact;
import dev.signet.eval.Example;
import dev.signet.internal.AtomicFiles;
import dev.signet.lm.Message;
import dev.signet.optimize.OptimizationResult;
import dev.signet.optimize.Provenance;
import dev.signet.optimize.RandomSearch;
import dev.signet.optimize.SignetProject;
import dev.signet.optimize.instructions.Gepa;
import dev.signet.optimize.instructions.GepaCandidate;
import dev.signet.optimize.instructions.MiproV2;
import dev.signet.usage.Budget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The work of {@code signet:optimize}, without Maven: one of three optimizers (random search over bootstrapped
 * demo sets, MIPROv2, GEPA), resumable from a checkpoint, under a budget of LM calls; then one artifact per
 * predictor of the program and an HTML report.
 */
final class Optimization {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The optimizers {@code signet.optimizer} names. */
    enum Optimizer {
        RANDOM_SEARCH("randomSearch"), MIPRO("mipro"), GEPA("gepa");

        final String id;

        Optimizer(String id) {
            this.id = id;
        }

        static Optimizer parse(String id) {
            for (Optimizer optimizer : values()) {
                if (optimizer.id.equalsIgnoreCase(id)) {
                    return optimizer;
                }
            }
            throw new IllegalArgumentException("signet.optimizer must be randomSearch, mipro or gepa, not '" + id
                    + "'.");
        }
    }

    /** The settings of one run. */
    record Request(Path promptsDirectory, Path reportDirectory, Optimizer optimizer, MiproV2.Auto auto,
            int candidates, int maxBootstrappedDemos, int maxLabeledDemos, long seed, int concurrency, long maxCalls,
            long maxMetricCalls) {}

    /**
     * What the run produced.
     *
     * @param prompts the winning prompt states by predictor name
     * @param baseline the starting prompt's development score
     * @param best the winner's development score
     * @param written the artifacts written
     * @param callsUsed LM calls made on the program's model
     */
    record Outcome(Map<String, PromptState> prompts, double baseline, double best, List<Path> written,
            long callsUsed) {}

    /** What an optimizer found, and how the report shows it. */
    private record Found(String name, OptimizationResult result, double baseline, double best, Map<String, JsonNode> provenance,
            String chart, String details) {}

    private Optimization() {}

    static Outcome run(SignetProject project, Request request, Consumer<String> log) throws IOException {
        List<Example> train = project.trainset();
        List<Example> dev = project.devset();
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("signet:optimize needs a training and a development set: the project's "
                    + "trainset() has " + train.size() + " examples and devset() " + dev.size() + ".");
        }
        try (Signet base = project.signet()) {
            Budget budget = Budget.of(base.languageModel());
            if (request.maxCalls() > 0) {
                budget = budget.maxCalls(request.maxCalls());
            }
            Signet signet = base.withModel(budget);
            Files.createDirectories(request.reportDirectory());
            Found found = switch (request.optimizer()) {
                case RANDOM_SEARCH -> randomSearch(project, signet, request, train, dev, log);
                case MIPRO -> mipro(project, signet, request, train, dev, log);
                case GEPA -> gepa(project, signet, request, train, dev, log);
            };
            Map<String, JsonNode> provenance = Provenance.of(found.result().report()).data(train, dev)
                    .scores(found.baseline(), found.best()).usage(budget.used()).build();
            provenance.putAll(found.provenance());
            provenance.put("callsUsed", NODES.numberNode(budget.calls()));

            Map<String, PredictorCall> predictors = predictors(signet.withPrompts(found.result().prompts()), project,
                    dev, found.result().prompts().keySet());
            List<Path> written = new ArrayList<>();
            Map<String, String> previous = new LinkedHashMap<>();
            Map<String, String> next = new LinkedHashMap<>();
            Map<String, PromptState> prompts = new LinkedHashMap<>();
            for (Map.Entry<String, PromptState> entry : found.result().prompts().entrySet()) {
                PredictorCall call = predictors.get(entry.getKey());
                if (call == null) {
                    log.accept("WARNING: no development example reached the predictor " + entry.getKey()
                            + ", so its signature is unknown and no artifact was written for it.");
                    continue;
                }
                PromptState state = entry.getValue().instructions() != null ? entry.getValue()
                        : new PromptState(call.signature().instructions(), entry.getValue().demos());
                prompts.put(entry.getKey(), state);
                Map<String, Object> placeholders = new LinkedHashMap<>();
                for (FieldSpec input : call.signature().inputs()) {
                    placeholders.put(input.name(), "{{" + input.name() + "}}");
                }
                List<Message> template = signet.adapter()
                        .prepare(call.signature(), state.instructions(), state.demos()).render(placeholders);
                PromptArtifact artifact = PromptArtifact.of(entry.getKey(), call.module(), call.signature(), state,
                        template, provenance);
                Path file = request.promptsDirectory().resolve(entry.getKey() + ".json");
                previous.put(entry.getKey(), Files.exists(file) ? Files.readString(file) : "(none)");
                artifact.write(file);
                next.put(entry.getKey(), artifact.toJson());
                written.add(file);
            }
            String summary = String.format(Locale.ROOT, "%s: baseline %.4f, winner %.4f on %d development examples. "
                    + "LM calls used: %d%s.", found.name(), found.baseline(), found.best(),
                    dev.size(), budget.calls(), request.maxCalls() > 0 ? " of " + request.maxCalls() : "");
            AtomicFiles.write(request.reportDirectory().resolve("optimize-report.html"),
                    page(summary, found.chart(), found.details(), previous, next));
            return new Outcome(prompts, found.baseline(), found.best(), written, budget.calls());
        }
    }

    private static Found randomSearch(SignetProject project, Signet signet, Request request, List<Example> train,
            List<Example> dev, Consumer<String> log) {
        int total = 3 + request.candidates();
        RandomSearch.Result result = RandomSearch.of(project.metric(), request.candidates())
                .maxBootstrappedDemos(request.maxBootstrappedDemos())
                .maxLabeledDemos(request.maxLabeledDemos())
                .seed(request.seed())
                .concurrency(request.concurrency())
                .checkpoint(request.reportDirectory().resolve("optimize-checkpoint.json"))
                .onCandidate(c -> log.accept(String.format(Locale.ROOT, "candidate %d/%d (%s): %.4f", c.index() + 1,
                        total, c.description(), c.score())))
                .compile(signet, project.program(), train, dev);
        double baseline = result.candidates().get(0).score();
        double best = result.candidates().get(result.winner()).score();
        Map<String, JsonNode> provenance = new LinkedHashMap<>();
        provenance.put("optimizer", NODES.textNode("BootstrapFewShotWithRandomSearch"));
        provenance.put("candidates", NODES.numberNode(request.candidates()));
        return new Found("Random search over bootstrapped demo sets", result.best(), baseline, best, provenance,
                randomSearchChart(result, baseline), "");
    }

    static String randomSearchChart(RandomSearch.Result result, double baseline) {
        List<String> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (RandomSearch.Candidate candidate : result.candidates()) {
            labels.add((candidate.index() + 1) + ". " + candidate.description());
            scores.add(candidate.score());
        }
        return "<h2>Every candidate's development score</h2>\n" + Charts.bars(labels, scores, result.winner(), baseline)
                + String.format(Locale.ROOT, "\n<p>Winner: candidate %d, %.4f.</p>%n", result.winner() + 1,
                        result.candidates().get(result.winner()).score());
    }

    private static Found mipro(SignetProject project, Signet signet, Request request, List<Example> train,
            List<Example> dev, Consumer<String> log) {
        MiproV2.Result result = MiproV2.builder(project.metric()).auto(request.auto())
                .maxBootstrappedDemos(request.maxBootstrappedDemos()).maxLabeledDemos(request.maxLabeledDemos())
                .seed(request.seed()).concurrency(request.concurrency()).proposer(project.proposer(signet))
                .checkpoint(request.reportDirectory().resolve("optimize-checkpoint-mipro.json"))
                .onTrial(t -> log.accept(String.format(Locale.ROOT, "trial %d: %.4f on %s; %s", t.index(), t.score(),
                        t.full() ? "all development examples" : "a minibatch of " + t.examples() + " examples",
                        describe(t.choices()))))
                .build().compile(signet, project.program(), train, dev);
        Map<String, JsonNode> provenance = new LinkedHashMap<>();
        provenance.put("auto", NODES.textNode(request.auto().name().toLowerCase(Locale.ROOT)));
        provenance.put("trials", NODES.numberNode(result.trials().size()));
        ObjectNode chosen = NODES.objectNode();
        result.chosen().forEach((name, choice) -> chosen.putObject(name).put("instruction", choice.instruction())
                .put("demos", choice.demos()));
        provenance.put("chosen", chosen);
        provenance.put("metricCalls", NODES.numberNode(result.metricCalls()));

        List<double[]> minibatch = new ArrayList<>();
        List<double[]> full = new ArrayList<>();
        for (MiproV2.Trial trial : result.trials()) {
            (trial.full() ? full : minibatch).add(new double[] {trial.index(), trial.score()});
        }
        String chart = "<h2>Every trial's score</h2>\n" + Charts.plot("trial", result.trials().size() - 1, List.of(
                new Charts.Series("minibatch trial", Charts.OTHER, minibatch, false, true, true),
                new Charts.Series("full evaluation", Charts.WINNER, full, false, true, false)), result.baseline());
        StringBuilder details = new StringBuilder("<h2>The chosen combination</h2>\n<table><tr><th>predictor</th>"
                + "<th>instruction</th><th>demo set</th></tr>\n");
        result.chosen().forEach((name, choice) -> details.append("<tr><td>").append(Reports.escape(name))
                .append("</td><td>").append(choice.instruction()).append(": ").append(Reports.escape(
                        result.instructionCandidates().get(name).get(choice.instruction())))
                .append("</td><td>").append(choice.demos()).append(" (").append(result.best().prompts().get(name)
                        .demos().size()).append(" demos)</td></tr>\n"));
        details.append("</table>\n<h2>Instruction candidates</h2>\n");
        result.instructionCandidates().forEach((name, list) -> {
            details.append("<h3>").append(Reports.escape(name)).append("</h3>\n<ol start=\"0\">\n");
            list.forEach(text -> details.append("<li>").append(Reports.escape(text)).append("</li>\n"));
            details.append("</ol>\n");
        });
        details.append("<h2>Trials</h2>\n<table><tr><th>#</th><th>choices (instruction, demo set)</th><th>examples"
                + "</th><th>score</th></tr>\n");
        for (MiproV2.Trial trial : result.trials()) {
            details.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%d%s</td><td>%.4f</td></tr>%n",
                    trial.index(), Reports.escape(describe(trial.choices())), trial.examples(),
                    trial.full() ? " (full)" : "", trial.score()));
        }
        details.append("</table>\n");
        return new Found("MIPROv2 (" + request.auto().name().toLowerCase(Locale.ROOT) + ")", result.best(),
                result.baseline(), result.bestScore(), provenance, chart, details.toString());
    }

    /** "instruction 1, demo set 2", per predictor when there are several. */
    private static String describe(Map<String, MiproV2.Choice> choices) {
        List<String> parts = new ArrayList<>();
        choices.forEach((name, choice) -> parts.add((choices.size() > 1 ? name + ": " : "") + "instruction "
                + choice.instruction() + ", demo set " + choice.demos()));
        return String.join("; ", parts);
    }

    private static Found gepa(SignetProject project, Signet signet, Request request, List<Example> train,
            List<Example> dev, Consumer<String> log) throws IOException {
        long budget = request.maxMetricCalls();
        long[] nextDecile = {budget / 10};
        Gepa.Result result = Gepa.builder(project.metric()).maxMetricCalls(budget).seed(request.seed())
                .concurrency(request.concurrency()).reflection(project.proposer(signet))
                .checkpoint(request.reportDirectory().resolve("optimize-checkpoint-gepa.json"))
                .onProgress(p -> {
                    // a line per accepted candidate, and one per tenth of the budget: never a flood
                    if (p.accepted() || p.metricCalls() >= nextDecile[0]) {
                        log.accept(String.format(Locale.ROOT, "iteration %d, %d/%d metric calls: %s; best %.4f",
                                p.iteration(), p.metricCalls(), budget, p.outcome(), p.bestScore()));
                        while (nextDecile[0] <= p.metricCalls()) {
                            nextDecile[0] += Math.max(1, budget / 10);
                        }
                    }
                })
                .build().compile(signet, project.program(), train, dev);
        GepaCandidate.write(request.reportDirectory().resolve("gepa-candidate.json"), result.bestCandidate());
        Gepa.Candidate winner = result.candidates().get(result.winner());
        Map<String, JsonNode> provenance = new LinkedHashMap<>();
        provenance.put("maxMetricCalls", NODES.numberNode(budget));
        provenance.put("metricCalls", NODES.numberNode(result.metricCalls()));
        provenance.put("candidates", NODES.numberNode(result.candidates().size()));
        ArrayNode lineage = NODES.arrayNode();
        result.lineage().forEach(lineage::add);
        provenance.put("lineage", lineage);

        List<double[]> frontier = new ArrayList<>();
        List<double[]> best = new ArrayList<>();
        for (Gepa.FrontierPoint point : result.history()) {
            frontier.add(new double[] {point.metricCalls(), point.frontierScore()});
            best.add(new double[] {point.metricCalls(), point.bestScore()});
        }
        List<double[]> found = new ArrayList<>();
        result.candidates().forEach(c -> found.add(new double[] {c.discoveredAt(), c.mean()}));
        String chart = "<h2>The Pareto frontier's growth over metric calls</h2>\n" + Charts.plot(String.format(
                Locale.ROOT, "metric calls (budget %d, used %d)", budget, result.metricCalls()), budget, List.of(
                new Charts.Series("best candidate", Charts.OTHER, best, true, false, false),
                new Charts.Series("Pareto frontier (best per example)", Charts.WINNER, frontier, true, false, false),
                new Charts.Series("candidates found", "#555", found, false, true, true)),
                result.candidates().get(0).mean());
        StringBuilder details = new StringBuilder(String.format(Locale.ROOT, "<p>%d candidates over %d iterations; "
                + "the winner, candidate %d, scores %.4f.</p>%n<h2>The winner's lineage</h2>%n<table><tr><th>candidate"
                + "</th><th>made by</th><th>score</th><th>instructions</th></tr>%n", result.candidates().size(),
                result.iterations(), winner.index(), winner.mean()));
        for (int index : result.lineage()) {
            Gepa.Candidate candidate = result.candidates().get(index);
            details.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%.4f</td><td>", index,
                    Reports.escape(candidate.origin()), candidate.mean()));
            candidate.instructions().forEach((name, text) -> details.append("<b>").append(Reports.escape(name))
                    .append("</b>: ").append(Reports.escape(text)).append("<br>"));
            details.append("</td></tr>\n");
        }
        details.append("</table>\n<p>As a GEPA candidate (predictor name to instruction): "
                + "<code>gepa-candidate.json</code>.</p>\n");
        return new Found("GEPA", result.best(), result.candidates().get(0).mean(), winner.mean(), provenance, chart,
                details.toString());
    }

    /**
     * The named predictors of the program (signature, module), as runs on the development examples show them, one
     * example after another until every name is found: a program may call some predictors only for some inputs.
     */
    private static Map<String, PredictorCall> predictors(Signet signet, SignetProject project, List<Example> dev,
            java.util.Set<String> names) {
        Map<String, PredictorCall> predictors = new LinkedHashMap<>();
        for (Example example : dev) {
            TraceRecorder trace = new TraceRecorder();
            try {
                project.program().build(signet.withListener(trace)).run(example).join();
            } catch (RuntimeException e) {
                // the calls made before a failure still name their predictors
            }
            trace.calls().forEach(call -> predictors.putIfAbsent(call.predictorName(), call));
            if (predictors.keySet().containsAll(names)) {
                break;
            }
        }
        return predictors;
    }

    /** A self-contained page: the summary, the optimizer's chart and details, each prompt beside the previous. */
    static String page(String summary, String chart, String details, Map<String, String> previous,
            Map<String, String> next) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Signet "
                + "optimization</title><style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;"
                + "padding:8px;overflow:auto;max-height:30em}td{vertical-align:top}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}</style></head><body>\n");
        html.append("<h1>Signet optimization</h1>\n<p>").append(Reports.escape(summary)).append("</p>\n");
        html.append(chart).append('\n').append(details);
        for (Map.Entry<String, String> entry : next.entrySet()) {
            html.append("<h2>").append(Reports.escape(entry.getKey())).append("</h2>\n<table><tr><th>previous</th>"
                    + "<th>new</th></tr><tr><td style=\"width:50%\"><pre>")
                    .append(Reports.escape(previous.get(entry.getKey()))).append("</pre></td><td><pre>")
                    .append(Reports.escape(entry.getValue())).append("</pre></td></tr></table>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
