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
            Map<String, String> previous = new LinkedHashMap<>();
            Map<String, String> next = new LinkedHashMap<>();
            for (TunedPredictor tuned : run.predictors()) {
                PromptArtifact artifact = tuned.toArtifact(provenance);
                Path file = request.promptsDirectory().resolve(tuned.name() + ".json");
                previous.put(tuned.name(), Files.exists(file) ? Files.readString(file) : "(none)");
                artifact.write(file);
                next.put(tuned.name(), artifact.toJson());
                written.add(file);
            }
            String summary = String.format(Locale.ROOT, "%s LM calls used: %d%s.", run.report().summary(),
                    budget.calls(), request.maxCalls() > 0 ? " of " + request.maxCalls() : "");
            AtomicFiles.write(request.reportDirectory().resolve("optimize-report.html"),
                    page(summary, run.report().html(), previous, next));
            return new Outcome(run, written, budget.calls());
        }
    }

    private static String describe(Map<String, OptimizerProvider> providers) {
        List<String> ids = new ArrayList<>();
        providers.values().forEach(p -> ids.add(p.id() + " (" + p.description() + ")"));
        return ids.isEmpty() ? "none: add dev.signet:signet-optimizers to the plugin's dependencies"
                : String.join(", ", ids);
    }

    /** A self-contained page: the summary, the optimizer's section, each prompt beside the previous. */
    static String page(String summary, String section, Map<String, String> previous, Map<String, String> next) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Signet "
                + "optimization</title><style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;"
                + "padding:8px;overflow:auto;max-height:30em}td{vertical-align:top}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}</style></head><body>\n");
        html.append("<h1>Signet optimization</h1>\n<p>").append(Reports.escape(summary)).append("</p>\n");
        html.append(section).append('\n');
        for (Map.Entry<String, String> entry : next.entrySet()) {
            html.append("<h2>").append(Reports.escape(entry.getKey())).append("</h2>\n<table><tr><th>previous</th>"
                    + "<th>new</th></tr><tr><td style=\"width:50%\"><pre>")
                    .append(Reports.escape(previous.get(entry.getKey()))).append("</pre></td><td><pre>")
                    .append(Reports.escape(entry.getValue())).append("</pre></td></tr></table>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
