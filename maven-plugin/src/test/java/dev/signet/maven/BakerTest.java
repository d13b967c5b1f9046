package dev.signet.maven;

import dev.signet.TypedPredictor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.baked.QAPredictor;
import dev.signet.FieldType;
import dev.signet.Predictor;
import dev.signet.PromptState;
import dev.signet.SignatureDescription;
import dev.signet.Signet;
import dev.signet.Module;
import dev.signet.artifact.PromptArtifact;
import dev.signet.lm.Completion;
import dev.signet.lm.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BakerTest {
    @TempDir
    Path prompts;

    @TempDir
    Path output;

    private final Baker baker = new Baker(getClass().getClassLoader());

    private static PromptArtifact artifact(SignatureDescription signature, Strategy strategy) {
        return artifact(signature, strategy, "Herbert");
    }

    private static PromptArtifact artifact(SignatureDescription signature, Strategy strategy, Object answer) {
        Signet signet = Signet.builder().languageModel(r -> CompletableFuture.completedFuture(
                        new Completion("", "m", Usage.ZERO, "stop"))).build()
                .withPrompt("com.example.baked.QA", new PromptState("Answer in one word.",
                        List.of(Map.of("question", "Who wrote Dune?", "answer", answer))));
        return TypedPredictor.create(signet, signature, o -> o, strategy).toArtifact(Map.of());
    }

    @Test
    void validArtifactsAreBakedIntoTheOutputAndNothingIsRedoneWhenNothingChanged() throws Exception {
        artifact(QAPredictor.SIGNATURE, Module.chainOfThought()).write(prompts.resolve("com.example.baked.QA.json"));

        Baker.Outcome first = baker.bake(prompts, output, false);
        Baker.Outcome second = baker.bake(prompts, output, false);

        assertThat(first.baked()).containsExactly("com.example.baked.QA.json");
        assertThat(output.resolve("META-INF/signet/prompts/com.example.baked.QA.json"))
                .hasSameTextualContentAs(prompts.resolve("com.example.baked.QA.json"));
        assertThat(second.baked()).isEmpty();
        assertThat(second.upToDate()).containsExactly("com.example.baked.QA.json");
    }

    @Test
    void aStaleArtifactFailsNamingTheFileAndTheDifferenceUnlessAllowed() throws Exception {
        SignatureDescription old = SignatureDescription.builder("com.example.baked.QA")
                .instructions("Answer questions with short factoid answers.")
                .input("question", "a trivia question", FieldType.STRING)
                .output("answer", "often between 1 and 5 words", FieldType.INT)
                .build();
        Path file = prompts.resolve("com.example.baked.QA.json");
        artifact(old, Module.predict(), 1965).write(file);

        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .isInstanceOf(Baker.BakeFailure.class)
                .hasMessage("The prompt artifact " + file + " for com.example.baked.QA was made for a different "
                        + "signature: the output `answer` changed type from int to str. Re-optimize to make a new "
                        + "artifact, or delete the stale one. To ship it anyway, set signet.allowStale=true.");
        assertThat(output.resolve("META-INF")).doesNotExist();

        Baker.Outcome allowed = baker.bake(prompts, output, true);
        assertThat(allowed.staleAllowed()).containsExactly("com.example.baked.QA.json");
        assertThat(allowed.baked()).containsExactly("com.example.baked.QA.json");
    }

    @Test
    void anUnknownSignatureOrAMisnamedFileFails() throws Exception {
        SignatureDescription unknown = SignatureDescription.builder("com.example.Gone")
                .input("q", "", FieldType.STRING).output("a", "", FieldType.STRING).build();
        Signet signet = Signet.builder().languageModel(r -> null).build();
        Path gone = prompts.resolve("com.example.Gone.json");
        TypedPredictor.create(signet, unknown, o -> o).toArtifact(Map.of()).write(gone);

        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .hasMessageStartingWith("The prompt artifact " + gone + " is for the signature com.example.Gone, but "
                        + "the build has no predictor generated for it.");

        Files.delete(gone);
        Path misnamed = prompts.resolve("qa.json");
        artifact(QAPredictor.SIGNATURE, Module.predict()).write(misnamed);
        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .hasMessage("The prompt artifact " + misnamed + " is for the predictor com.example.baked.QA: rename it "
                        + "com.example.baked.QA.json, so that the predictor finds it in the jar.");

        Files.writeString(misnamed, "{\"format\": \"signet.prompt/v2\"}");
        assertThatThrownBy(() -> baker.bake(prompts, output, false)).hasMessageContaining("signet.prompt/v2");
    }

    @Test
    void noPromptsDirectoryIsNothingToDo() throws Exception {
        assertThat(baker.bake(prompts.resolve("missing"), output, false).baked()).isEmpty();
    }
}
