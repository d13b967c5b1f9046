package dev.signet.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Module;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.Usage;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptArtifactTest {
    enum Label { POSITIVE, NEGATIVE }

    static final SignatureDescription REVIEW = SignatureDescription.builder("com.example.Review")
            .instructions("Label the review.")
            .input("text", "the review", FieldType.STRING)
            .input("tags", "", FieldType.listOf(FieldType.STRING))
            .output("label", "", FieldType.enumOf(Label.class, Label.values()))
            .output("confidence", "", FieldType.DOUBLE)
            .build();

    /** Never called: these tests render prompts only. */
    private static final LanguageModel OFFLINE = request -> CompletableFuture.completedFuture(
            new Completion("", "offline", Usage.ZERO, "stop"));

    private final Signet signet = Signet.builder().languageModel(OFFLINE).build();
    private final PromptState tuned = new PromptState("Label the review. Sarcasm means NEGATIVE.", List.of(
            Map.of("text", "Great, it broke again.", "tags", List.of("sarcasm"), "label", Label.NEGATIVE,
                    "confidence", 0.9)));
    private final Map<String, Object> inputs = Map.of("text", "Love it", "tags", List.of("short"));

    @TempDir
    Path dir;

    private static TypedPredictor<Outputs> review(Signet signet, SignatureDescription signature) {
        return TypedPredictor.create(signet, signature, o -> o, Module.chainOfThought());
    }

    @Test
    void saveLoadIntoANewHandleGivesIdenticalPrompts() {
        TypedPredictor<Outputs> optimized = review(signet.withPrompt("com.example.Review", tuned), REVIEW);
        PromptArtifact artifact = optimized.toArtifact(Map.of("optimizer", "hand-tuned", "seed", 7));
        Path file = dir.resolve("com.example.Review.json");
        artifact.write(file);

        TypedPredictor<Outputs> shipped = review(Signet.builder().languageModel(OFFLINE).build().withArtifactsFrom(dir),
                REVIEW);

        assertThat(shipped.preview(inputs)).isEqualTo(optimized.preview(inputs));
        assertThat(shipped.template()).isEqualTo(optimized.template());
        assertThat(shipped.promptState()).isEqualTo(tuned);
        PromptArtifact read = PromptArtifact.read(file);
        assertThat(read).isEqualTo(artifact);
        assertThat(read.toJson()).isEqualTo(artifact.toJson());
        assertThat(read.signature().fingerprint()).isEqualTo(optimized.modelSignature().fingerprint()).startsWith("sha256:");
        assertThat(read.template().get(read.template().size() - 1).content())
                .startsWith("[[ ## text ## ]]\n{{text}}\n\n[[ ## tags ## ]]\n{{tags}}\n\n");
        assertThat(read.provenance()).containsKeys("optimizer", "seed");
    }

    @Test
    void anArtifactForAChangedSignatureIsRejectedNamingTheChange() {
        PromptArtifact artifact = review(signet.withPrompt("com.example.Review", tuned), REVIEW).toArtifact(Map.of());
        SignatureDescription changed = SignatureDescription.builder("com.example.Review")
                .instructions("Label the review.")
                .input("review", "the review", FieldType.STRING)
                .input("tags", "", FieldType.listOf(FieldType.STRING))
                .output("label", "", FieldType.enumOf(Label.class, Label.values()))
                .output("confidence", "", FieldType.STRING)
                .build();

        assertThatThrownBy(() -> review(signet.withArtifact(artifact), changed))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("The prompt artifact for com.example.Review given to the handle was made for a "
                        + "different signature: the input `text` is gone; the input `review` is new; the output "
                        + "`confidence` changed type from float to str. Make a new artifact for the current "
                        + "signature.");
    }

    @Test
    void predictorsFindArtifactsBakedIntoTheClassPath() throws Exception {
        PromptArtifact artifact = review(signet.withPrompt("com.example.Review", tuned), REVIEW).toArtifact(Map.of());
        artifact.write(dir.resolve("META-INF/signet/prompts/com.example.Review.json"));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader jar = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(jar);
            TypedPredictor<Outputs> baked = review(Signet.builder().languageModel(OFFLINE).build(), REVIEW);
            assertThat(baked.promptState()).isEqualTo(tuned);
            TypedPredictor<Outputs> notBaked = review(Signet.builder().languageModel(OFFLINE).classpathPrompts(false).build(),
                    REVIEW);
            assertThat(notBaked.promptState().demos()).isEmpty();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void malformedArtifactsNameTheFileAndTheProblem() throws Exception {
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"format\": \"signet.prompt/v9\"}");
        assertThatThrownBy(() -> PromptArtifact.read(unknown))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("The prompt artifact " + unknown + " has the format 'signet.prompt/v9', but this version "
                        + "of Signet reads signet.prompt/v1. Re-optimize with this version, or upgrade Signet.");

        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "{\"format\": \"signet.prompt/v1\", \"predictor\": \"x\"}");
        assertThatThrownBy(() -> PromptArtifact.read(missing))
                .hasMessage("The prompt artifact " + missing + " has no object property 'signature'.");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": ");
        assertThatThrownBy(() -> PromptArtifact.read(broken)).hasMessageStartingWith(
                "The prompt artifact " + broken + " is not valid JSON");
    }
}
