package dev.signet.maven;

import dev.signet.SignatureDescription;
import dev.signet.Strategy;
import dev.signet.artifact.ArtifactException;
import dev.signet.artifact.PromptArtifact;
import dev.signet.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The work of {@code signet:bake}, without Maven: validate every prompt artifact of a directory against the
 * compiled signature it names, and copy the valid ones to {@code META-INF/signet/prompts/} of the build output.
 */
final class Baker {
    /** A user's mistake: a stale, unknown or malformed artifact. The message says what to do. */
    static final class BakeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        BakeFailure(String message) {
            super(message);
        }
    }

    /** What the bake did. */
    record Outcome(List<String> baked, List<String> upToDate, List<String> staleAllowed) {}

    private final ClassLoader classes;

    /** @param classes sees the project's compiled classes (the generated predictors) */
    Baker(ClassLoader classes) {
        this.classes = classes;
    }

    Outcome bake(Path promptsDirectory, Path outputDirectory, boolean allowStale) throws BakeFailure, IOException {
        List<String> baked = new ArrayList<>();
        List<String> upToDate = new ArrayList<>();
        List<String> staleAllowed = new ArrayList<>();
        if (!Files.isDirectory(promptsDirectory)) {
            return new Outcome(baked, upToDate, staleAllowed);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(promptsDirectory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        Path target = outputDirectory.resolve(PromptArtifact.CLASSPATH_DIRECTORY);
        for (Path file : files) {
            PromptArtifact artifact;
            try {
                artifact = PromptArtifact.read(file);
            } catch (ArtifactException e) {
                throw new BakeFailure(e.getMessage());
            }
            String expectedName = artifact.predictor() + ".json";
            if (!file.getFileName().toString().equals(expectedName)) {
                throw new BakeFailure("The prompt artifact " + file + " is for the predictor " + artifact.predictor()
                        + ": rename it " + expectedName + ", so that the predictor finds it in the jar.");
            }
            SignatureDescription declared = compiledSignature(file, artifact.signature().name());
            SignatureDescription seen = Strategy.forModule(artifact.module()).apply(declared);
            try {
                artifact.state(seen, file.toString());
            } catch (ArtifactException e) {
                if (!allowStale) {
                    throw new BakeFailure(e.getMessage() + " To ship it anyway, set signet.allowStale=true.");
                }
                staleAllowed.add(file.getFileName().toString());
            }
            Path baked1 = target.resolve(expectedName);
            byte[] content = Files.readAllBytes(file);
            if (Files.exists(baked1) && Arrays.equals(Files.readAllBytes(baked1), content)) {
                upToDate.add(expectedName);
                continue;
            }
            AtomicFiles.write(baked1, content);
            baked.add(expectedName);
        }
        return new Outcome(baked, upToDate, staleAllowed);
    }

    /** The {@code SIGNATURE} of the predictor generated for a signature name ({@code a.b.Outer.QA}). */
    private SignatureDescription compiledSignature(Path file, String signatureName) throws BakeFailure {
        String[] parts = signatureName.split("\\.");
        for (int packageLength = parts.length - 1; packageLength >= 0; packageLength--) {
            String pkg = String.join(".", Arrays.copyOfRange(parts, 0, packageLength));
            String simple = String.join("_", Arrays.copyOfRange(parts, packageLength, parts.length)) + "Predictor";
            String className = pkg.isEmpty() ? simple : pkg + "." + simple;
            try {
                Class<?> predictor = Class.forName(className, false, classes);
                Object signature = predictor.getField("SIGNATURE").get(null);
                if (signature instanceof SignatureDescription description) {
                    return description;
                }
            } catch (ClassNotFoundException e) {
                // try the next split between package and enclosing classes
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new BakeFailure("Cannot read the signature of " + className + " for " + file + ": " + e);
            }
        }
        throw new BakeFailure("The prompt artifact " + file + " is for the signature " + signatureName + ", but the "
                + "build has no predictor generated for it. Check the name, that the interface still exists and is "
                + "annotated @Signature, and that the Signet processor runs (annotationProcessorPaths).");
    }
}
