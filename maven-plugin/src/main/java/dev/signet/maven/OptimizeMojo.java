package dev.signet.maven;

import dev.signet.core.SignetException;
import dev.signet.optimize.SignetProject;
import dev.signet.usage.BudgetExceededException;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Optimizes the project's program (its {@code SignetProject}: program, metric, training and development sets)
 * with the optimizer of the given id ({@code randomSearch}, {@code mipro}, {@code gepa}, {@code bootstrapFewShot},
 * {@code labeledFewShot}; any {@code OptimizerProvider} on the plugin's class path), under a budget of LM calls,
 * resuming from its checkpoint; writes the artifact of every tuned predictor to {@code src/main/signet/} (to commit
 * and review), rendered by the predictor the optimizer scored, and {@code target/signet/optimize-report.html}. Run it
 * on demand: {@code mvn test-compile signet:optimize}.
 *
 * @since 0.1.0
 */
@Mojo(name = "optimize", threadSafe = true, requiresDependencyResolution = ResolutionScope.TEST)
public final class OptimizeMojo extends AbstractMojo {
    /** The project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The project's SignetProject implementation. @since 0.1.0 */
    @Parameter(property = "signet.projectClass")
    private String projectClass;

    /** Where the artifacts are written. @since 0.1.0 */
    @Parameter(property = "signet.promptsDirectory", defaultValue = "${project.basedir}/src/main/signet")
    private File promptsDirectory;

    /** Where the report and checkpoint go. @since 0.1.0 */
    @Parameter(property = "signet.reportDirectory", defaultValue = "${project.build.directory}/signet")
    private File reportDirectory;

    /**
     * The optimizer's id: {@code randomSearch} (demo sets: the current prompts, labeled only, bootstrapped, then
     * random bootstrapped candidates), {@code mipro} (MIPROv2: proposed instructions × demo sets, searched with TPE),
     * {@code gepa} (GEPA: instructions evolved by reflection on the metric's feedback), {@code bootstrapFewShot} or
     * {@code labeledFewShot}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.optimizer", defaultValue = "randomSearch")
    private String optimizer;

    /*
     * The optimizer settings below have no default here: unset, each optimizer uses its own (DSPy's); set, a setting
     * the chosen optimizer does not read is warned about.
     */

    /** MIPROv2's preset: {@code light}, {@code medium} or {@code heavy} (default light). @since 0.1.0 */
    @Parameter(property = "signet.auto")
    private String auto;

    /** GEPA's budget of metric calls: every scored example, all evaluations included (default 500). @since 0.1.0 */
    @Parameter(property = "signet.maxMetricCalls")
    private Long maxMetricCalls;

    /** randomSearch's random candidates after zero-shot, labeled-only and the plain bootstrap (default 4). @since 0.1.0 */
    @Parameter(property = "signet.candidates")
    private Integer candidates;

    /** The most bootstrapped demos per predictor (default 4). @since 0.1.0 */
    @Parameter(property = "signet.maxBootstrappedDemos")
    private Integer maxBootstrappedDemos;

    /** The most labeled demos per predictor (default 16, MIPROv2 4). @since 0.1.0 */
    @Parameter(property = "signet.maxLabeledDemos")
    private Integer maxLabeledDemos;

    /** The seed of every random choice (default 0). @since 0.1.0 */
    @Parameter(property = "signet.seed")
    private Long seed;

    /** Program calls in flight at once (default 8). @since 0.1.0 */
    @Parameter(property = "signet.concurrency")
    private Integer concurrency;

    /** GEPA's proposals made at once in an iteration (default 4; 1 is DSPy's sequential loop). @since 0.1.0 */
    @Parameter(property = "signet.parallelProposals")
    private Integer parallelProposals;

    /**
     * More settings for the optimizer, by name, for those the parameters above don't cover (a setting the
     * optimizer does not read is warned about). @since 0.1.0
     */
    @Parameter
    private Map<String, String> optimizerSettings;

    /** Skip the goal. @since 0.1.0 */
    @Parameter(property = "signet.skip", defaultValue = "false")
    private boolean skip;

    /** The most LM calls the run may make; 0 for no limit. @since 0.1.0 */
    @Parameter(property = "signet.maxCalls", defaultValue = "2000")
    private long maxCalls;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping signet:optimize (signet.skip)");
            return;
        }
        try (ProjectLoader loader = ProjectLoader.open(project)) {
            SignetProject definition = loader.instantiate(projectClass, "optimize");
            Map<String, String> settings = new LinkedHashMap<>();
            put(settings, "auto", auto);
            put(settings, "maxMetricCalls", maxMetricCalls);
            put(settings, "parallelProposals", parallelProposals);
            put(settings, "candidates", candidates);
            put(settings, "maxBootstrappedDemos", maxBootstrappedDemos);
            put(settings, "maxLabeledDemos", maxLabeledDemos);
            put(settings, "seed", seed);
            put(settings, "concurrency", concurrency);
            if (optimizerSettings != null) {
                settings.putAll(optimizerSettings);
            }
            Optimization.Outcome outcome = Optimization.run(definition, new Optimization.Request(
                    promptsDirectory.toPath(), reportDirectory.toPath(), optimizer, settings, maxCalls),
                    line -> getLog().info(line));
            getLog().info(outcome.run().optimizer() + ": " + scores(outcome) + ". Wrote "
                    + outcome.written().size() + " prompt artifact(s) to " + promptsDirectory + " after "
                    + outcome.callsUsed() + " LM calls; report: "
                    + reportDirectory.toPath().resolve("optimize-report.html"));
        } catch (BudgetExceededException e) {
            throw new MojoFailureException("signet:optimize used up its budget (signet.maxCalls=" + maxCalls + "): "
                    + e.getMessage() + " Raise it and rerun: the run resumes from its checkpoint.");
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (SignetException e) {
            throw new MojoFailureException("signet:optimize stopped: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("signet:optimize could not write its artifacts or report", e);
        }
    }

    /** "baseline 0.4167, best 0.9167 on the development set", or that the optimizer scored nothing. */
    private static String scores(Optimization.Outcome outcome) {
        double baseline = outcome.run().baselineScore();
        double best = outcome.run().bestScore();
        if (Double.isNaN(baseline) || Double.isNaN(best)) {
            return "no scores (this optimizer does not evaluate; run signet:evaluate)";
        }
        return String.format(Locale.ROOT, "baseline %.4f, best %.4f on the development set", baseline, best);
    }

    private static void put(Map<String, String> settings, String name, Object value) {
        if (value != null) {
            settings.put(name, String.valueOf(value));
        }
    }
}
