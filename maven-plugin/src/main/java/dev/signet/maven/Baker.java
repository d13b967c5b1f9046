package dev.signet.maven;

import dev.signet.Module;
import dev.signet.adapter.Adapter;
import dev.signet.adapter.ChatAdapter;
import dev.signet.adapter.JsonAdapter;
import dev.signet.artifact.ArtifactException;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.Field;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Message;
import dev.signet.rules.AtomicFiles;
import dev.signet.rules.Names;
import dev.signet.rules.PythonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The work of {@code signet:bake}, without Maven: checks every prompt artifact of a directory against the compiled
 * signature it names (found through the processor's predictor index) and the module it records, and makes the
 * build output's {@code META-INF/signet/prompts/} hold exactly the valid ones: new and changed artifacts are copied,
 * baked copies whose source artifact is gone are removed.
 */
final class Baker {
    /** A user's mistake: a stale, unknown or malformed artifact. The message says what to do. */
    static final class BakeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        BakeFailure(String message) {
            super(message);
        }
    }

    /**
     * What the bake did, by file name.
     *
     * @param added artifacts baked for the first time
     * @param updated baked copies replaced by a changed artifact
     * @param upToDate baked copies already equal to their artifact
     * @param removed baked copies whose source artifact is gone
     * @param staleAllowed artifacts baked although their signature changed (signet.allowStale)
     * @param rerendered source artifacts whose template was rewritten (signet.rerender)
     */
    record Outcome(List<String> added, List<String> updated, List<String> upToDate, List<String> removed,
            List<String> staleAllowed, List<String> rerendered) {}

    /** The adapters the plugin can render with, by the name artifacts record. */
    private static final Map<String, Adapter> ADAPTERS = Map.of("ChatAdapter", new ChatAdapter(),
            "JsonAdapter", new JsonAdapter());

    private final ClassLoader classes;

    /** @param classes sees the project's compiled classes (the generated predictors and their index) */
    Baker(ClassLoader classes) {
        this.classes = classes;
    }

    Outcome bake(Path promptsDirectory, Path outputDirectory, boolean allowStale) throws BakeFailure, IOException {
        return bake(promptsDirectory, outputDirectory, allowStale, false);
    }

    /**
     * @param rerender whether to rewrite the template of an artifact rendered by an earlier version of Signet (from
     *     its own instructions and demos; nothing else changes) instead of failing
     */
    Outcome bake(Path promptsDirectory, Path outputDirectory, boolean allowStale, boolean rerender)
            throws BakeFailure, IOException {
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> upToDate = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> staleAllowed = new ArrayList<>();
        List<String> rerendered = new ArrayList<>();
        List<Path> files = jsonFiles(promptsDirectory);
        Path target = outputDirectory.resolve(PromptArtifact.CLASSPATH_DIRECTORY);
        Set<String> sources = new TreeSet<>();
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
            sources.add(expectedName);
            SignatureDescription declared = compiledSignature(file, artifact.signature().name());
            try {
                Optional<PromptArtifact> current = check(file, artifact, declared);
                if (current.isPresent()) {
                    if (!rerender) {
                        throw new BakeFailure(templateDifference(file, artifact, current.get()));
                    }
                    current.get().write(file);
                    rerendered.add(expectedName);
                }
            } catch (ArtifactException e) {
                if (!allowStale) {
                    throw new BakeFailure(e.getMessage() + " To ship it anyway, set signet.allowStale=true.");
                }
                staleAllowed.add(expectedName);
            }
            Path baked = target.resolve(expectedName);
            byte[] content = Files.readAllBytes(file);
            boolean existed = Files.exists(baked);
            if (existed && Arrays.equals(Files.readAllBytes(baked), content)) {
                upToDate.add(expectedName);
                continue;
            }
            AtomicFiles.write(baked, content);
            (existed ? updated : added).add(expectedName);
        }
        for (Path baked : jsonFiles(target)) {
            String name = baked.getFileName().toString();
            if (!sources.contains(name)) {
                Files.delete(baked); // its source is gone: the jar must not answer with a prompt no file holds
                removed.add(name);
            }
        }
        return new Outcome(added, updated, upToDate, removed, staleAllowed, rerendered);
    }

    private static List<Path> jsonFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * The artifact against the compiled signature, as its module shapes it ({@code reasoning} under
     * ChainOfThought), and its template against what this version of Signet renders for its instructions and demos
     * (the runtime renders those; the template is what other languages and signet:export use, so the two must
     * agree). A ReAct step's signature holds its tools, unknown here, so only its declared inputs are checked.
     *
     * @return the artifact re-rendered, when its template is not what this version renders
     */
    private static Optional<PromptArtifact> check(Path file, PromptArtifact artifact, SignatureDescription declared)
            throws BakeFailure {
        Optional<SignatureDescription> seen;
        try {
            seen = Module.signatureOf(artifact.module(), declared);
        } catch (IllegalArgumentException e) {
            throw new BakeFailure("The prompt artifact " + file + " records the module '" + artifact.module()
                    + "', which this version of Signet does not know: " + e.getMessage() + ".");
        }
        if (seen.isPresent()) {
            PromptState state = artifact.state(seen.get());
            Adapter adapter = ADAPTERS.get(artifact.adapter());
            if (adapter == null) {
                return Optional.empty(); // a custom adapter: the plugin can't render it, the project's runtime does
            }
            List<Message> template = adapter.template(seen.get(), state);
            return template.equals(artifact.template()) ? Optional.empty() : Optional.of(PromptArtifact.of(
                    artifact.predictor(), artifact.module(), seen.get(), artifact.adapter(), state, template,
                    artifact.provenance()));
        }
        List<String> recorded = artifact.signature().inputs().stream().map(PromptArtifact.FieldRecord::name).toList();
        for (Field input : declared.inputs()) {
            if (!recorded.contains(input.name())) {
                throw new ArtifactException("The prompt artifact " + file + " for " + artifact.predictor() + " was "
                        + "made for a different signature: the input `" + input.name() + "` is new. Re-optimize to "
                        + "make a new one (mvn test-compile signet:optimize), or delete " + file + ".");
            }
        }
        return Optional.empty();
    }

    /** Says where an artifact's template and this version's rendering first differ, and what to do. */
    private static String templateDifference(Path file, PromptArtifact artifact, PromptArtifact current) {
        List<Message> recorded = artifact.template();
        List<Message> now = current.template();
        String where;
        if (recorded.size() != now.size()) {
            where = "it has " + recorded.size() + " messages where this version renders " + now.size();
        } else {
            int i = 0;
            while (recorded.get(i).equals(now.get(i))) {
                i++;
            }
            String a = recorded.get(i).content();
            String b = now.get(i).content();
            int at = 0;
            while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at)) {
                at++;
            }
            where = "message " + i + " (" + now.get(i).role().wireName() + ") differs at character " + at + ": "
                    + "the artifact has " + excerpt(a, at) + ", this version renders " + excerpt(b, at);
        }
        return "The prompt artifact " + file + " holds a template that this version of Signet does not render for "
                + "its instructions and demos (" + where + "): it was rendered by an earlier version. The runtime "
                + "sends what this version renders, so the artifact must say the same. Re-render it with "
                + "mvn process-classes -Dsignet.rerender=true (this rewrites its template from its own "
                + "instructions and demos and changes nothing else) and review the diff.";
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 10);
        int to = Math.min(text.length(), at + 30);
        return from == to ? "the end" : PythonText.jsonQuote(text.substring(from, to));
    }

    /** The {@code SIGNATURE} of the predictor generated for a signature, found through the predictor index. */
    private SignatureDescription compiledSignature(Path file, String signatureName) throws BakeFailure {
        String entry = Names.PREDICTOR_INDEX + "/" + signatureName;
        String className;
        try (InputStream in = classes.getResourceAsStream(entry)) {
            if (in == null) {
                throw new BakeFailure("The prompt artifact " + file + " is for the signature " + signatureName
                        + ", but the build has no predictor generated for it (no " + entry + "). Check the name, "
                        + "that the interface still exists and is annotated @Signature, and that the Signet "
                        + "processor runs (annotationProcessorPaths).");
            }
            className = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BakeFailure("Cannot read " + entry + " for " + file + ": " + e);
        }
        try {
            Class<?> predictor = Class.forName(className, false, classes);
            Object signature = predictor.getField("SIGNATURE").get(null);
            if (signature instanceof SignatureDescription description) {
                return description;
            }
            throw new BakeFailure(className + ".SIGNATURE is not a signature description, for " + file + ".");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new BakeFailure("Cannot read the signature of " + className + " for " + file + ": " + e);
        }
    }
}
