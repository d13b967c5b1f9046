package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.baked.QAPredictor;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.Signet;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.PromptState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExporterTest {
    @TempDir
    Path baked;

    @TempDir
    Path export;

    @Test
    void everyBakedArtifactGetsItsMessagesTemplateMarkdownAndDspyForms() throws Exception {
        Signet signet = Signet.builder().languageModel(r -> null).build().withPrompt("com.example.baked.QA",
                new PromptState("Answer in one word.", List.of(Map.of("question", "Who wrote Dune?", "answer", "Herbert"))));
        PromptArtifact artifact = QAPredictor.create(signet).predictor().toArtifact(Map.of());
        artifact.write(baked.resolve("com.example.baked.QA.json"));

        assertThat(Exporter.export(baked, export)).containsExactly("com.example.baked.QA");

        var messages = new ObjectMapper().readTree(export.resolve("com.example.baked.QA.messages.json").toFile());
        assertThat(messages).hasSize(4);
        assertThat(messages.get(3).get("content").asText()).startsWith("[[ ## question ## ]]\n{{question}}\n\n");
        assertThat(Files.readString(export.resolve("com.example.baked.QA.md")))
                .contains("# com.example.baked.QA", "| `answer` | output | `str` | often between 1 and 5 words |",
                        "## Instructions\n\nAnswer in one word.");
        var dspy = new ObjectMapper().readTree(export.resolve("com.example.baked.QA.dspy.json").toFile());
        assertThat(dspy.at("/com.example.baked.QA/signature/instructions").asText()).isEqualTo("Answer in one word.");
        assertThat(dspy.at("/com.example.baked.QA/demos/0/answer").asText()).isEqualTo("Herbert");
        assertThat(dspy.at("/com.example.baked.QA/signature/fields/0/prefix").asText()).isEqualTo("Question:");
        // what DSPy's program.load requires: each predictor's signature and lm, and only DSPy's own dependency keys
        assertThat(dspy.at("/com.example.baked.QA").has("lm")).isTrue();
        assertThat(dspy.at("/com.example.baked.QA/signature/fields/1/description").asText()).isEqualTo(
                "often between 1 and 5 words");
        List<String> keys = new java.util.ArrayList<>();
        dspy.at("/metadata/dependency_versions").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isNotEmpty().isSubsetOf("python", "dspy", "cloudpickle");
    }
}
