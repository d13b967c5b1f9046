package dev.signet.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signet.FieldSpec;
import dev.signet.PredictorCall;
import dev.signet.PromptState;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.artifact.PromptArtifact;
import dev.signet.eval.Example;
import dev.signet.internal.AtomicFiles;
import dev.signet.lm.Message;
import dev.signet.optimize.Provenance;
import dev.signet.optimize.RandomSearch;
import dev.signet.optimize.SignetProject;
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
 * The work of {@code signet:optimize}, without Maven: a random search over bootstrapped demo sets (with a
 * checkpoint), under a budget of LM calls, then one artifact per predictor of the program and an HTML report.
 */
final class Optimization {
    /** The settings of one run. */
    record Request(Path promptsDirectory, Path reportDirectory, int candidates, int maxBootstrappedDemos,
            int maxLabeledDemos, long seed, int concurrency, long maxCalls) {}

    /** What the run produced. */
    record Outcome(RandomSearch.Result result, List<Path> written, long callsUsed) {}

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
            int total = 3 + request.candidates();
            RandomSearch search = RandomSearch.of(project.metric(), request.candidates())
                    .maxBootstrappedDemos(request.maxBootstrappedDemos())
                    .maxLabeledDemos(request.maxLabeledDemos())
                    .seed(request.seed())
                    .concurrency(request.concurrency())
                    .checkpoint(request.reportDirectory().resolve("optimize-checkpoint.json"))
                    .onCandidate(c -> log.accept(String.format(Locale.ROOT, "candidate %d/%d (%s): %.4f", c.index() + 1,
                            total, c.description(), c.score())));
            RandomSearch.Result result = search.compile(signet, project.program(), train, dev);
            double baseline = result.candidates().get(0).score();
            double best = result.candidates().get(result.winner()).score();
            Map<String, JsonNode> provenance = Provenance.of(result.best().report()).data(train, dev)
                    .scores(baseline, best).usage(budget.used()).build();
            provenance.put("optimizer", JsonNodeFactory.instance.textNode("BootstrapFewShotWithRandomSearch"));
            provenance.put("candidates", JsonNodeFactory.instance.numberNode(request.candidates()));
            provenance.put("callsUsed", JsonNodeFactory.instance.numberNode(budget.calls()));

            Map<String, PredictorCall> predictors = predictors(signet.withPrompts(result.best().prompts()), project, dev);
            List<Path> written = new ArrayList<>();
            Map<String, String> previous = new LinkedHashMap<>();
            Map<String, String> next = new LinkedHashMap<>();
            for (Map.Entry<String, PromptState> entry : result.best().prompts().entrySet()) {
                PredictorCall call = predictors.get(entry.getKey());
                if (call == null) {
                    continue;
                }
                PromptState state = entry.getValue().instructions() != null ? entry.getValue()
                        : new PromptState(call.signature().instructions(), entry.getValue().demos());
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
            Files.createDirectories(request.reportDirectory());
            AtomicFiles.write(request.reportDirectory().resolve("optimize-report.html"),
                    report(result, baseline, budget.calls(), request.maxCalls(), previous, next));
            return new Outcome(result, written, budget.calls());
        }
    }

    /** Each predictor of the program, as one run on the first dev example shows it (name, signature, module). */
    private static Map<String, PredictorCall> predictors(Signet signet, SignetProject project, List<Example> dev) {
        TraceRecorder trace = new TraceRecorder();
        try {
            project.program().build(signet.withListener(trace)).run(dev.get(0)).join();
        } catch (RuntimeException e) {
            // the calls made before a failure still name their predictors
        }
        Map<String, PredictorCall> predictors = new LinkedHashMap<>();
        trace.calls().forEach(call -> predictors.putIfAbsent(call.predictorName(), call));
        return predictors;
    }

    /** A self-contained page: an SVG chart of every candidate's score, the baseline, the winner, the prompts. */
    static String report(RandomSearch.Result result, double baseline, long calls, long maxCalls,
            Map<String, String> previous, Map<String, String> next) {
        int width = 640;
        int barHeight = 22;
        int height = result.candidates().size() * (barHeight + 6) + 30;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + height + "\" role=\"img\" aria-label=\"candidate scores\">");
        int labelWidth = 260;
        double scale = (width - labelWidth - 60) / 1.0;
        int y = 10;
        for (RandomSearch.Candidate candidate : result.candidates()) {
            boolean winner = candidate.index() == result.winner();
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
                            + "height=\"%d\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.3f</text>",
                    y + 15, Reports.escape((candidate.index() + 1) + ". " + candidate.description()), labelWidth, y,
                    candidate.score() * scale, barHeight, winner ? "#2a7" : "#79b",
                    labelWidth + candidate.score() * scale + 4, y + 15, candidate.score()));
            y += barHeight + 6;
        }
        double x = labelWidth + baseline * scale;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c33\" "
                + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#c33\">baseline</text>",
                x, x, height - 14, x + 3, height - 2));
        svg.append("</svg>");
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Signet "
                + "optimization</title><style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;"
                + "padding:8px;overflow:auto;max-height:30em}td{vertical-align:top;width:50%}</style></head><body>\n");
        html.append("<h1>Signet optimization</h1>\n");
        html.append(String.format(Locale.ROOT, "<p>Baseline (zero-shot) %.4f; winner: candidate %d, %.4f. LM calls "
                + "used: %d%s.</p>%n", baseline, result.winner() + 1, result.candidates().get(result.winner()).score(),
                calls, maxCalls > 0 ? " of " + maxCalls : ""));
        html.append(svg).append('\n');
        for (Map.Entry<String, String> entry : next.entrySet()) {
            html.append("<h2>").append(Reports.escape(entry.getKey())).append("</h2>\n<table><tr><th>previous</th>"
                    + "<th>new</th></tr><tr><td><pre>").append(Reports.escape(previous.get(entry.getKey())))
                    .append("</pre></td><td><pre>").append(Reports.escape(entry.getValue())).append("</pre></td></tr>"
                    + "</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
