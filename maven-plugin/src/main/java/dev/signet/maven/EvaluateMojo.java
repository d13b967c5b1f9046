package dev.signet.maven;

import dev.signet.Signet;
import dev.signet.eval.EvaluationException;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.optimize.SignetProject;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
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

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping signet:evaluate (signet.skip)");
            return;
        }
        if (projectClass == null || projectClass.isBlank()) {
            throw new MojoFailureException("signet:evaluate needs the project's SignetProject class: set "
                    + "<projectClass> in the plugin configuration, or -Dsignet.projectClass=com.example.MyProject.");
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader classes = new URLClassLoader(testClasspath(), getClass().getClassLoader())) {
            // Predictors look for baked prompts through the context class loader.
            Thread.currentThread().setContextClassLoader(classes);
            SignetProject definition = instantiate(classes);
            EvaluationResult result;
            try (Signet signet = definition.signet()) {
                result = Evaluator.builder().concurrency(concurrency).build()
                        .evaluate(definition.devset(), definition.program().build(signet), definition.metric());
            }
            Files.createDirectories(reportDirectory.toPath());
            result.saveJson(reportDirectory.toPath().resolve("evaluate-report.json"));
            Files.writeString(reportDirectory.toPath().resolve("evaluate-report.html"), Reports.evaluationHtml(result,
                    minScore));
            String summary = String.format(Locale.ROOT, "Signet evaluation: mean score %.4f over %d examples, %d errors "
                    + "(minimum %.4f)", result.meanScore(), result.total(), result.errors(), minScore);
            getLog().info(summary);
            if (result.meanScore() < minScore) {
                throw new MojoFailureException(summary + ": below signet.minScore. See "
                        + reportDirectory.toPath().resolve("evaluate-report.html") + ".");
            }
        } catch (EvaluationException e) {
            throw new MojoFailureException("signet:evaluate stopped: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("signet:evaluate could not write its report", e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private SignetProject instantiate(ClassLoader classes) throws MojoFailureException {
        try {
            Class<?> type = Class.forName(projectClass, true, classes);
            if (!SignetProject.class.isAssignableFrom(type)) {
                throw new MojoFailureException(projectClass + " does not implement dev.signet.optimize.SignetProject.");
            }
            return (SignetProject) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new MojoFailureException("The SignetProject class " + projectClass + " is not on the test class path. "
                    + "Check signet.projectClass, and that the class is in src/test/java or src/main/java.");
        } catch (ReflectiveOperationException e) {
            throw new MojoFailureException("Cannot create " + projectClass + " (it needs a public no-argument "
                    + "constructor): " + e);
        }
    }

    private URL[] testClasspath() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getTestClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (MalformedURLException | DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("signet:evaluate could not resolve the test class path", e);
        }
        return urls.toArray(new URL[0]);
    }
}
