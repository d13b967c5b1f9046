package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.baked.QAPredictor;
import dev.signet.Module;
import dev.signet.Predictor;
import dev.signet.Reward;
import dev.signet.Signet;
import dev.signet.adapter.JsonAdapter;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.FieldType;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BakerTest {
    private static final String FILE = "com.example.baked.QA.json";

    @TempDir
    Path prompts;

    @TempDir
    Path output;

    /** Sees the test classes, as the plugin sees a project's: the generated QAPredictor and its index entry. */
    private final Baker baker = new Baker(getClass().getClassLoader());

    private static Signet signet(Object answer) {
        return Signet.builder().languageModel(r -> null).build().withPrompt("com.example.baked.QA",
                new PromptState("Answer in one word.", List.of(Map.of("question", "Who wrote Dune?", "answer", answer))));
    }

    private static PromptArtifact artifact(SignatureDescription signature, Module module) {
        return Predictor.of(signet("Herbert"), signature, module).toArtifact(Map.of());
    }

    private Path baked(String name) {
        return output.resolve("META-INF/signet/prompts").resolve(name);
    }

    @Test
    void validArtifactsAreBakedAndNothingIsRewrittenWhenNothingChanged() throws Exception {
        artifact(QAPredictor.SIGNATURE, Module.chainOfThought()).write(prompts.resolve(FILE));

        Baker.Outcome first = baker.bake(prompts, output, false);
        Baker.Outcome second = baker.bake(prompts, output, false);

        assertThat(first.added()).containsExactly(FILE);
        assertThat(baked(FILE)).hasSameBinaryContentAs(prompts.resolve(FILE));
        assertThat(second.added()).isEmpty();
        assertThat(second.updated()).isEmpty();
        assertThat(second.upToDate()).containsExactly(FILE);
    }

    @Test
    void everyModuleAndAdapterTheRuntimeWritesBakes() throws Exception {
        Reward nonEmpty = (inputs, outputs) -> outputs.get("answer") == null ? 0 : 1;
        for (Module module : List.of(Module.predict(), Module.chainOfThought(), Module.bestOfN(3, nonEmpty, 1), Module.refine(2, nonEmpty, 1),
                Module.chainOfThought().thenRefine(2, nonEmpty, 1))) {
            artifact(QAPredictor.SIGNATURE, module).write(prompts.resolve(FILE));
            assertThat(baker.bake(prompts, output, false).staleAllowed()).as(module.describe()).isEmpty();
            assertThat(PromptArtifact.read(baked(FILE)).module()).isEqualTo(module.describe());
        }
        Signet json = signet("Herbert").toBuilder().adapter(new JsonAdapter()).build();
        PromptArtifact artifact = Predictor.of(json, QAPredictor.SIGNATURE).toArtifact(Map.of());
        assertThat(artifact.adapter()).isEqualTo("JsonAdapter");
        artifact.write(prompts.resolve(FILE));
        assertThat(baker.bake(prompts, output, false).updated()).containsExactly(FILE);
    }

    @Test
    void aChangedArtifactReplacesItsBakedCopyAndADeletedOneTakesItsCopyAlong() throws Exception {
        artifact(QAPredictor.SIGNATURE, Module.predict()).write(prompts.resolve(FILE));
        baker.bake(prompts, output, false);

        artifact(QAPredictor.SIGNATURE, Module.chainOfThought()).write(prompts.resolve(FILE));
        assertThat(baker.bake(prompts, output, false).updated()).containsExactly(FILE);
        assertThat(PromptArtifact.read(baked(FILE)).module()).isEqualTo("ChainOfThought");

        Files.delete(prompts.resolve(FILE));
        Baker.Outcome outcome = baker.bake(prompts, output, false);
        assertThat(outcome.removed()).containsExactly(FILE);
        assertThat(baked(FILE)).doesNotExist();
    }

    @Test
    void aStaleArtifactFailsNamingTheFileAndTheDifferenceUnlessAllowed() throws Exception {
        SignatureDescription old = SignatureDescription.builder("com.example.baked.QA")
                .instructions("Answer questions with short factoid answers.")
                .input("question", "a trivia question", FieldType.STRING)
                .output("answer", "often between 1 and 5 words", FieldType.INT)
                .build();
        Path file = prompts.resolve(FILE);
        Predictor.of(signet(1965), old, Module.predict()).toArtifact(Map.of()).write(file);

        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .isInstanceOf(Baker.BakeFailure.class)
                .hasMessage("The prompt artifact " + file + " for com.example.baked.QA was made for a different "
                        + "signature: the output `answer` changed type from int to str. Re-optimize to make a new one "
                        + "(mvn test-compile signet:optimize), or delete " + file + " (signet:bake then removes its "
                        + "baked copy from the build output). To ship it anyway, set signet.allowStale=true.");
        assertThat(output.resolve("META-INF")).doesNotExist();

        Baker.Outcome allowed = baker.bake(prompts, output, true);
        assertThat(allowed.staleAllowed()).containsExactly(FILE);
        assertThat(allowed.added()).containsExactly(FILE);
    }

    @Test
    void anUnknownModuleIsStaleNotSilentlyBaked() throws Exception {
        Path file = prompts.resolve(FILE);
        artifact(QAPredictor.SIGNATURE, Module.chainOfThought()).write(file);
        Files.writeString(file, Files.readString(file).replace("\"ChainOfThought\"", "\"ProgramOfThought\""));

        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .isInstanceOf(Baker.BakeFailure.class)
                .hasMessageStartingWith("The prompt artifact " + file + " records the module 'ProgramOfThought', "
                        + "which this version of Signet does not know");
    }

    @Test
    void anUnknownSignatureAMisnamedFileOrAnotherFormatFails() throws Exception {
        SignatureDescription unknown = SignatureDescription.builder("com.example.Gone")
                .input("q", "", FieldType.STRING).output("a", "", FieldType.STRING).build();
        Path gone = prompts.resolve("com.example.Gone.json");
        Predictor.of(signet("x"), unknown).toArtifact(Map.of()).write(gone);

        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .hasMessageStartingWith("The prompt artifact " + gone + " is for the signature com.example.Gone, but "
                        + "the build has no predictor generated for it (no META-INF/signet/predictors/"
                        + "com.example.Gone).");

        Files.delete(gone);
        Path misnamed = prompts.resolve("qa.json");
        artifact(QAPredictor.SIGNATURE, Module.predict()).write(misnamed);
        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .hasMessage("The prompt artifact " + misnamed + " is for the predictor com.example.baked.QA: rename it "
                        + "com.example.baked.QA.json, so that the predictor finds it in the jar.");

        Files.writeString(misnamed, "{\"format\": \"signet.prompt/v9\"}");
        assertThatThrownBy(() -> baker.bake(prompts, output, false)).hasMessageContaining(misnamed.toString())
                .hasMessageContaining("signet.prompt/v9");
    }

    @Test
    void aTemplateThisVersionDoesNotRenderFailsUntilReRendered() throws Exception {
        Path file = prompts.resolve(FILE);
        PromptArtifact made = artifact(QAPredictor.SIGNATURE, Module.chainOfThought());
        made.write(file);
        String original = Files.readString(file);
        // as an earlier renderer might have written it: one word different in the system message
        Files.writeString(file, original.replace("All interactions will be structured", "All interactions are structured"));

        assertThatThrownBy(() -> baker.bake(prompts, output, false))
                .isInstanceOf(Baker.BakeFailure.class)
                .hasMessageStartingWith("The prompt artifact " + file + " holds a template that this version of "
                        + "Signet does not render for its instructions and demos (message 0 (system) differs at "
                        + "character ")
                .hasMessageContaining("Re-render it with mvn process-classes -Dsignet.rerender=true");
        assertThat(output.resolve("META-INF")).doesNotExist();

        Baker.Outcome outcome = baker.bake(prompts, output, false, true);
        assertThat(outcome.rerendered()).containsExactly(FILE);
        assertThat(Files.readString(file)).isEqualTo(original);
        assertThat(baked(FILE)).hasSameBinaryContentAs(file);
        assertThat(baker.bake(prompts, output, false).upToDate()).containsExactly(FILE);
    }

    @Test
    void noPromptsDirectoryIsNothingToDo() throws Exception {
        assertThat(baker.bake(prompts.resolve("missing"), output, false).added()).isEmpty();
    }
}
