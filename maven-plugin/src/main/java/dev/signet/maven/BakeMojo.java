package dev.signet.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
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
 * Validates every prompt artifact under {@code src/main/signet/} against the compiled signature it names
 * (format version, fingerprint, fields and types) and puts the valid ones into the build output under
 * {@code META-INF/signet/prompts/}, so that they ship in the jar and generated predictors use them with no code
 * change. A stale artifact, one for an unknown signature, or a malformed file fails the build, naming the file
 * and the difference.
 *
 * @since 0.1.0
 */
@Mojo(name = "bake", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class BakeMojo extends AbstractMojo {
    /** The project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * Where the prompt artifacts are kept, committed and reviewed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.promptsDirectory", defaultValue = "${project.basedir}/src/main/signet")
    private File promptsDirectory;

    /**
     * Bake stale artifacts anyway (a deliberate exception), with a warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.allowStale", defaultValue = "false")
    private boolean allowStale;

    /**
     * Skip the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Rewrite the template of an artifact that an earlier version of Signet rendered, from the artifact's own
     * instructions and demos (nothing else changes), instead of failing. Review the diff afterwards.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.rerender", defaultValue = "false")
    private boolean rerender;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping signet:bake (signet.skip)");
            return;
        }
        File output = new File(project.getBuild().getOutputDirectory());
        try (URLClassLoader classes = new URLClassLoader(classpath(output), getClass().getClassLoader())) {
            Baker.Outcome outcome = new Baker(classes).bake(promptsDirectory.toPath(), output.toPath(), allowStale,
                    rerender);
            if (!outcome.rerendered().isEmpty()) {
                getLog().warn("Re-rendered the template of " + outcome.rerendered() + " in " + promptsDirectory
                        + " (signet.rerender): review the diff and commit it");
            }
            for (String stale : outcome.staleAllowed()) {
                getLog().warn("Baked the stale prompt artifact " + stale + " because signet.allowStale is set");
            }
            if (!outcome.added().isEmpty()) {
                getLog().info("Baked " + outcome.added().size() + " new prompt artifact(s): " + outcome.added());
            }
            if (!outcome.updated().isEmpty()) {
                getLog().info("Baked " + outcome.updated().size() + " changed prompt artifact(s): "
                        + outcome.updated());
            }
            if (!outcome.removed().isEmpty()) {
                getLog().info("Removed " + outcome.removed().size() + " baked prompt artifact(s) whose source is gone: "
                        + outcome.removed());
            }
            if (outcome.added().isEmpty() && outcome.updated().isEmpty() && outcome.removed().isEmpty()
                    && !outcome.upToDate().isEmpty()) {
                getLog().info("Prompt artifacts are up to date (" + outcome.upToDate().size() + ")");
            }
        } catch (Baker.BakeFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("signet:bake could not read or write the prompt artifacts", e);
        }
    }

    private URL[] classpath(File output) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(output.toURI().toURL());
            for (String element : project.getCompileClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (MalformedURLException | DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("signet:bake could not resolve the compile class path", e);
        }
        return urls.toArray(new URL[0]);
    }
}
