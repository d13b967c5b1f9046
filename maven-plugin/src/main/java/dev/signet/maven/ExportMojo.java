package dev.signet.maven;

import dev.signet.artifact.ArtifactException;
import dev.signet.artifact.PromptArtifact;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Writes, for every baked prompt artifact, its portable forms into {@code target/signet/export/}: the OpenAI
 * chat-messages template with {@code {{field}}} placeholders, a readable Markdown page, and DSPy's JSON layout.
 *
 * @since 0.1.0
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class ExportMojo extends AbstractMojo {
    /** The project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /**
     * Where the exports go.
     *
     * @since 0.1.0
     */
    @Parameter(property = "signet.exportDirectory", defaultValue = "${project.build.directory}/signet/export")
    private File exportDirectory;

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
            getLog().info("Skipping signet:export (signet.skip)");
            return;
        }
        File baked = new File(project.getBuild().getOutputDirectory(), PromptArtifact.CLASSPATH_DIRECTORY);
        try {
            List<String> exported = Exporter.export(baked.toPath(), exportDirectory.toPath());
            getLog().info("Exported " + exported.size() + " prompt(s) to " + exportDirectory);
        } catch (ArtifactException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("signet:export could not write " + exportDirectory, e);
        }
    }
}
