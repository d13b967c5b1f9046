package dev.signet.maven;

import dev.signet.core.SignetException;
import dev.signet.optimize.SignetProject;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * A quality gate: evaluates the project's program, with its baked prompts, on its development set, writes a JSON
 * and an HTML report to {@code target/signet/}, and fails the build when the mean score is below
 * {@code minScore}. The program, metric and data come from the project's {@link SignetProject} class, run with
 * the test class path.
 *
 * @since 0.1.0
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public final class EvaluateMojo extends AbstractMojo {
    /** The project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * The project's {@link SignetProject} implementation, by qualified class name.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.projectClass")
    private String projectClass;

    /**
     * The lowest acceptable mean score, from 0 to 1.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.minScore", defaultValue = "0")
    private double minScore;

    /**
     * How many examples to evaluate at once.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.concurrency", defaultValue = "8")
    private int concurrency;

    /**
     * Send the examples' model calls through the provider's Batch API (at half the price, within hours) instead
     * of live; a rerun after an interrupted run resumes its batches from {@code evaluate.batch.json} in the
     * report directory. The model must have a Batch API (the OpenAI one does).
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.batch", defaultValue = "false")
    private boolean batch;

    /**
     * How long to wait before the first poll of a batch, as an ISO-8601 duration; later polls back off, doubling,
     * to a minute.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.batchPollInterval", defaultValue = "PT5S")
    private String batchPollInterval;

    /**
     * Where the reports go.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.reportDirectory", defaultValue = "${project.build.directory}/signet")
    private File reportDirectory;

    /**
     * Skip the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.skip", defaultValue = "false")
    private boolean skip;

    private Duration pollInterval() {
        try {
            return Duration.parse(batchPollInterval);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("signet.batchPollInterval must be an ISO-8601 duration such as PT5S, "
                    + "not " + batchPollInterval + ".");
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping signet:evaluate (signet.skip)");
            return;
        }
        try (ProjectLoader loader = ProjectLoader.open(project)) {
            SignetProject definition = loader.instantiate(projectClass, "evaluate");
            Evaluation.Outcome outcome = Evaluation.run(definition,
                    new Evaluation.Request(reportDirectory.toPath(), minScore, concurrency, batch,
                            pollInterval()), getLog()::info);
            getLog().info(outcome.summary());
            if (!outcome.passed()) {
                throw new MojoFailureException(outcome.summary() + ": below signet.minScore. See "
                        + outcome.htmlReport() + ".");
            }
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (SignetException e) {
            throw new MojoFailureException("signet:evaluate stopped: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("signet:evaluate could not write its report", e);
        }
    }
}
