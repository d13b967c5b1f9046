package dev.signet;

import dev.signet.artifact.ArtifactException;
import dev.signet.artifact.PromptArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Prompt artifacts read from where they ship: the class path ({@code signet:bake}'s output) or a directory. */
final class BakedArtifacts {
    private BakedArtifacts() {}

    /**
     * The artifact baked into the class path for a predictor, read once per class loader.
     *
     * @param found what was already looked up, by class loader and predictor name
     */
    static Optional<PromptArtifact> find(Map<ClassLoader, Map<String, Optional<PromptArtifact>>> found,
            String predictorName) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader classes = loader != null ? loader : Signet.class.getClassLoader();
        return found.computeIfAbsent(classes, l -> new ConcurrentHashMap<>()).computeIfAbsent(predictorName,
                name -> read(classes, PromptArtifact.CLASSPATH_DIRECTORY + name + ".json"));
    }

    private static Optional<PromptArtifact> read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(PromptArtifact.read(in, resource));
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the prompt artifact " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return every {@code *.json} artifact in a directory, by predictor name
     * @throws ArtifactException naming a file that can't be read
     */
    static Map<String, PromptArtifact> inDirectory(Path directory) {
        Map<String, PromptArtifact> artifacts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                PromptArtifact artifact = PromptArtifact.read(file);
                artifacts.put(artifact.predictor(), artifact);
            }
        } catch (IOException e) {
            throw new ArtifactException("Cannot list the prompt artifacts in " + directory + ": " + e.getMessage(), e);
        }
        return artifacts;
    }
}
