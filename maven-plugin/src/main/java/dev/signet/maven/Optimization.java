package dev.signet.maven;

import dev.signet.Signet;
import dev.signet.artifact.PromptArtifact;
import dev.signet.eval.Example;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.OptimizerProvider;
import dev.signet.optimize.OptimizerSettings;
import dev.signet.optimize.SignetProject;
import dev.signet.optimize.TunedPredictor;
import dev.signet.rules.AtomicFiles;
import dev.signet.usage.Budget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The work of {@code signet:optimize}, without Maven: the optimizer of the requested id (found with
 * {@link ServiceLoader}: this code knows no optimizer), under a budget of LM calls; then the artifact of every tuned
 * predictor, rendered by the predictor the optimizer scored, and an HTML report with the optimizer's own section.
 */
final class Optimization {
    /**
     * The settings of one run.
     *
     * @param promptsDirectory where the artifacts go ({@code src/main/signet})
     * @param reportDirectory where the report and the checkpoints go
     * @param optimizer the optimizer's id ({@code randomSearch}, {@code mipro}, {@code gepa}, ...)
     * @param settings the settings the user gave, by name ({@code seed}, {@code concurrency}, ...); one the
     *     optimizer does not read is warned about
     * @param maxCalls the most LM calls the run may make; 0 for no limit
     */
    record Request(Path promptsDirectory, Path reportDirectory, String optimizer, Map<String, String> settings,
            long maxCalls) {
        Request {
            settings = Map.copyOf(settings);
        }
    }

    /**
     * What the run produced.
     *
     * @param run the optimizer's result
     * @param written the artifacts written
     * @param callsUsed LM calls made on the program's model
     */
    record Outcome(OptimizationRun run, List<Path> written, long callsUsed) {}

    private Optimization() {}

    /** The optimizers on the class path, by id. */
    static Map<String, OptimizerProvider> providers() {
        Map<String, OptimizerProvider> providers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ServiceLoader.load(OptimizerProvider.class, Optimization.class.getClassLoader())
                .forEach(p -> providers.putIfAbsent(p.id(), p));
        return providers;
    }

    static Outcome run(SignetProject project, Request request, Consumer<String> log) throws IOException {
        Map<String, OptimizerProvider> providers = providers();
        OptimizerProvider provider = providers.get(request.optimizer());
        if (provider == null) {
            throw new IllegalArgumentException("No optimizer has the id '" + request.optimizer() + "'. "
                    + "signet.optimizer is one of: " + describe(providers) + ".");
        }
        List<Example> train = project.trainset();
        List<Example> dev = project.devset();
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IllegalArgumentException("signet:optimize needs a training and a development set: the project's "
                    + "trainset() has " + train.size() + " examples and devset() " + dev.size() + ".");
        }
        try (Signet base = project.signet()) {
            Budget budget = request.maxCalls() > 0 ? Budget.unlimited().maxCalls(request.maxCalls())
                    : Budget.unlimited();
            Signet signet = base.withInterceptor(budget);
            Files.createDirectories(request.reportDirectory());
            OptimizerSettings settings = new OptimizerSettings(project.metric(), request.settings(),
                    request.reportDirectory(), project::proposer, log);
            OptimizationRun run = provider.create(settings).compile(signet, project.program(), train, dev);
            Set<String> unread = settings.unread();
            if (!unread.isEmpty()) {
                log.accept("WARNING: the optimizer " + provider.id() + " does not read the setting(s) " + unread + ".");
            }

            Map<String, Object> provenance = new LinkedHashMap<>(run.provenance());
            provenance.put("callsUsed", budget.calls());
            List<Path> written = new ArrayList<>();
            List<String> diffs = new ArrayList<>();
            for (TunedPredictor tuned : run.predictors()) {
                PromptArtifact artifact = tuned.toArtifact(provenance);
                Path file = request.promptsDirectory().resolve(tuned.name() + ".json");
                PromptArtifact previous = null;
                String problem = null;
                if (Files.exists(file)) {
                    try {
                        previous = PromptArtifact.read(file);
                    } catch (RuntimeException e) {
                        problem = e.getMessage();
                    }
                }
                artifact.write(file);
                diffs.add(Reports.promptDiff(tuned.name(), previous, problem, artifact));
                written.add(file);
            }
            String summary = String.format(Locale.ROOT, "%s LM calls used: %d%s.", run.report().summary(),
                    budget.calls(), request.maxCalls() > 0 ? " of " + request.maxCalls() : "");
            AtomicFiles.write(request.reportDirectory().resolve("optimize-report.html"),
                    page(summary, run.report().html(), diffs));
            return new Outcome(run, written, budget.calls());
        }
    }

    private static String describe(Map<String, OptimizerProvider> providers) {
        List<String> ids = new ArrayList<>();
        providers.values().forEach(p -> ids.add(p.id() + " (" + p.description() + ")"));
        return ids.isEmpty() ? "none: add dev.signet:signet-optimizers to the plugin's dependencies"
                : String.join(", ", ids);
    }

    /** A self-contained page: the summary, the optimizer's section, each new prompt beside the previous one. */
    static String page(String summary, String section, List<String> diffs) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Signet "
                + "optimization</title><style>" + Reports.STYLE + "pre{background:#f6f6f6;padding:8px;overflow:auto}"
                + "table.diff{width:100%;table-layout:fixed}table.diff td{font-family:monospace;font-size:12px;"
                + "white-space:pre-wrap;word-break:break-word;border:none;padding:1px 6px}table.diff col.n{width:3em}"
                + "table.diff td.n{color:#999;text-align:right}td.del{background:#ffdddd}td.ins{background:#ddffdd}"
                + "td.gap{background:#f4f4f4}td.role{font-weight:bold;color:#555}</style></head><body>\n");
        html.append("<h1>Signet optimization</h1>\n<p>").append(Reports.escape(summary)).append("</p>\n");
        html.append(section).append('\n');
        html.append("<h2>The prompts, as the messages they render</h2>\n<p>Each tuned predictor's new prompt beside "
                + "the one it replaces; the inputs are placeholders. Removed lines are red, added ones green.</p>\n");
        diffs.forEach(html::append);
        return html.append("</body></html>\n").toString();
    }
}
