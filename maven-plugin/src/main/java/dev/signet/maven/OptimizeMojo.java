package dev.signet.maven;

import dev.signet.SignetException;
import dev.signet.optimize.SignetProject;
import dev.signet.optimize.instructions.MiproV2;
import dev.signet.usage.BudgetExceededException;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Optimizes the project's program (its {@code SignetProject}: program, metric, training and development sets)
 * with a random search over bootstrapped demo sets, MIPROv2 or GEPA, under a budget of LM calls, resuming from
 * its checkpoint;
 * writes one prompt artifact per predictor to {@code src/main/signet/} (to commit and review) and
 * {@code target/signet/optimize-report.html}. Run it on demand: {@code mvn test-compile signet:optimize}.
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
     * The optimizer: {@code randomSearch} (demo sets: zero-shot, labeled only, bootstrapped, then random
     * bootstrapped candidates), {@code mipro} (MIPROv2: proposed instructions × demo sets, searched with TPE) or
     * {@code gepa} (GEPA: instructions evolved by reflection on the metric's feedback).
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.optimizer", defaultValue = "randomSearch")
    private String optimizer;

    /** MIPROv2's preset: {@code light}, {@code medium} or {@code heavy}. @since 0.1.0 */
    @Parameter(property = "signet.auto", defaultValue = "light")
    private String auto;

    /** GEPA's budget of metric calls (every scored example, all evaluations included). @since 0.1.0 */
    @Parameter(property = "signet.maxMetricCalls", defaultValue = "500")
    private long maxMetricCalls;

    /** randomSearch's random candidates after zero-shot, labeled-only and the plain bootstrap. @since 0.1.0 */
    @Parameter(property = "signet.candidates", defaultValue = "4")
    private int candidates;

    /** @since 0.1.0 */
    @Parameter(property = "signet.maxBootstrappedDemos", defaultValue = "4")
    private int maxBootstrappedDemos;

    /** @since 0.1.0 */
    @Parameter(property = "signet.maxLabeledDemos", defaultValue = "4")
    private int maxLabeledDemos;

    /** @since 0.1.0 */
    @Parameter(property = "signet.seed", defaultValue = "0")
    private long seed;

    /** @since 0.1.0 */
    @Parameter(property = "signet.concurrency", defaultValue = "8")
    private int concurrency;

    /** The most LM calls the run may make; 0 for no limit. @since 0.1.0 */
    @Parameter(property = "signet.maxCalls", defaultValue = "2000")
    private long maxCalls;

    /** Skip the goal. @since 0.1.0 */
    @Parameter(property = "signet.skip", defaultValue = "false")
    private boolean skip;

    private static MiproV2.Auto preset(String auto) {
        try {
            return MiproV2.Auto.valueOf(auto.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signet.auto must be light, medium or heavy, not '" + auto + "'.");
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping signet:optimize (signet.skip)");
            return;
        }
        try (ProjectLoader loader = ProjectLoader.open(project)) {
            SignetProject definition = loader.instantiate(projectClass, "optimize");
            Optimization.Outcome outcome = Optimization.run(definition, new Optimization.Request(
                    promptsDirectory.toPath(), reportDirectory.toPath(), Optimization.Optimizer.parse(optimizer),
                    preset(auto), candidates, maxBootstrappedDemos, maxLabeledDemos, seed, concurrency, maxCalls,
                    maxMetricCalls), line -> getLog().info(line));
            getLog().info("Wrote " + outcome.written().size() + " prompt artifact(s) to " + promptsDirectory
                    + " after " + outcome.callsUsed() + " LM calls; report: "
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
}
