package dev.signet.maven;

import dev.signet.optimize.SignetProject;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * Loads the project's {@link SignetProject} with its test class path, in a class loader of its own whose parent
 * is the plugin's (so Signet's classes are shared), and makes it the context class loader while it is open, so
 * that predictors find the baked prompts. The project class is created with its public constructor taking the
 * project's base directory ({@link Path}), if it has one (so that it finds its datasets wherever Maven was started),
 * else with its public no-argument constructor.
 */
final class ProjectLoader implements AutoCloseable {
    private final URLClassLoader classes;
    private final ClassLoader previous;
    private final Path baseDirectory;

    private ProjectLoader(URLClassLoader classes, Path baseDirectory) {
        this.classes = classes;
        this.baseDirectory = baseDirectory;
        this.previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(classes);
    }

    static ProjectLoader open(MavenProject project) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getTestClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (MalformedURLException | DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Signet could not resolve the test class path", e);
        }
        return new ProjectLoader(new URLClassLoader(urls.toArray(new URL[0]), ProjectLoader.class.getClassLoader()),
                project.getBasedir().toPath());
    }

    SignetProject instantiate(String projectClass, String goal) throws MojoFailureException {
        if (projectClass == null || projectClass.isBlank()) {
            throw new MojoFailureException("signet:" + goal + " needs the project's SignetProject class: set "
                    + "<projectClass> in the plugin configuration, or -Dsignet.projectClass=com.example.MyProject.");
        }
        try {
            Class<?> type = Class.forName(projectClass, true, classes);
            if (!SignetProject.class.isAssignableFrom(type)) {
                throw new MojoFailureException(projectClass + " does not implement dev.signet.optimize.SignetProject.");
            }
            try {
                return (SignetProject) type.getConstructor(Path.class).newInstance(baseDirectory);
            } catch (NoSuchMethodException e) {
                return (SignetProject) type.getConstructor().newInstance();
            }
        } catch (ClassNotFoundException e) {
            throw new MojoFailureException("The SignetProject class " + projectClass + " is not on the test class path. "
                    + "Check signet.projectClass, and that the class is in src/test/java or src/main/java.");
        } catch (InvocationTargetException e) {
            throw new MojoFailureException("The constructor of " + projectClass + " failed: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new MojoFailureException("Cannot create " + projectClass + " (it needs a public no-argument "
                    + "constructor, or one taking the project's base directory as a java.nio.file.Path): " + e);
        }
    }

    @Override
    public void close() throws IOException {
        Thread.currentThread().setContextClassLoader(previous);
        classes.close();
    }
}
