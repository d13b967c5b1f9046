package dev.signet.dspy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Module;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.artifact.ArtifactException;
import dev.signet.core.FieldType;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Completion;
import dev.signet.lm.LanguageModel;
import dev.signet.lm.Message;
import dev.signet.lm.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DspyInteropTest {
    static final SignatureDescription QUERY = SignatureDescription.builder("GenerateQuery")
            .instructions("Write a query.")
            .input("question", "", FieldType.STRING)
            .output("query", "a web search query", FieldType.STRING)
            .build();
    static final SignatureDescription ANSWER = SignatureDescription.builder("AnswerFromContext")
            .instructions("Answer.")
            .input("context", "", FieldType.listOf(FieldType.STRING))
            .input("question", "", FieldType.STRING)
            .output("answer", "often between 1 and 5 words", FieldType.STRING)
            .build();
    private static final LanguageModel OFFLINE = request -> CompletableFuture.completedFuture(
            new Completion("", "offline", Usage.ZERO, "stop"));

    @TempDir
    Path dir;

    private static Path program() throws Exception {
        return Path.of(DspyInteropTest.class.getResource("/dspy/rag-program.json").toURI());
    }

    private static Map<String, Predictor> mapping(Signet signet) {
        Map<String, Predictor> mapping = new LinkedHashMap<>();
        mapping.put("generate_query", Predictor.of(signet, QUERY));
        mapping.put("generate_answer.predict", Predictor.of(signet, ANSWER, Module.chainOfThought()));
        return mapping;
    }

    @Test
    void aDspyProgramImportsAndRendersTheSameDemos() throws Exception {
        Signet signet = Signet.builder().languageModel(OFFLINE).build();

        Map<String, PromptState> states = DspyInterop.importProgram(program(), mapping(signet));

        assertThat(states).containsOnlyKeys("GenerateQuery", "AnswerFromContext");
        PromptState answer = states.get("AnswerFromContext");
        assertThat(answer.instructions()).isEqualTo("Answer the question from the context.");
        assertThat(answer.demos()).hasSize(2);
        assertThat(answer.demos().get(0)).containsEntry("context", List.of("Dune (1965) is a novel by Frank Herbert."))
                .containsEntry("reasoning", "The context names the author.").doesNotContainKey("augmented");

        Predictor answering = Predictor.of(signet.withPrompts(states), ANSWER, Module.chainOfThought());
        List<Message> messages = answering.preview(Map.of("context", List.of("c"), "question", "q"));
        assertThat(messages).extracting(Message::content).contains(
                "This is an example of the task, though some input or output fields are not supplied.\n\n"
                        + "[[ ## question ## ]]\nWhat is the capital of France?",
                "[[ ## context ## ]]\n[\"Dune (1965) is a novel by Frank Herbert.\"]\n\n[[ ## question ## ]]\n"
                        + "Who wrote Dune?",
                "[[ ## reasoning ## ]]\nThe context names the author.\n\n[[ ## answer ## ]]\nFrank Herbert\n\n"
                        + "[[ ## completed ## ]]\n");
        assertThat(messages.get(0).content()).endsWith("        Answer the question from the context.");
    }

    @Test
    void anExportReimportsToTheSameState() throws Exception {
        Signet imported = Signet.builder().languageModel(OFFLINE).build()
                .withPrompts(DspyInterop.importProgram(program(), mapping(Signet.builder().languageModel(OFFLINE).build())));

        String exported = DspyInterop.exportProgram(mapping(imported));
        Path file = dir.resolve("exported.json");
        Files.writeString(file, exported);
        Map<String, PromptState> again = DspyInterop.importProgram(file, mapping(imported));

        assertThat(again).isEqualTo(imported.prompts());
        assertThat(exported).contains("\"prefix\" : \"Reasoning:\"", "\"description\" : \"${reasoning}\"",
                "\"prefix\" : \"Query:\"", "\"description\" : \"a web search query\"");
    }

    @Test
    void aFieldCountMismatchIsRejectedWithTheReason() throws Exception {
        Signet signet = Signet.builder().languageModel(OFFLINE).build();
        Map<String, Predictor> wrong = Map.of("generate_answer.predict", Predictor.of(signet, ANSWER));

        assertThatThrownBy(() -> DspyInterop.importProgram(program(), wrong))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("predictor 'generate_answer.predict', has 4 fields, but AnswerFromContext has 3 "
                        + "(context, question, answer)");
        assertThatThrownBy(() -> DspyInterop.importProgram(program(), Map.of("missing", Predictor.of(signet, QUERY))))
                .hasMessageContaining("has no predictor 'missing'; it has 'generate_query', "
                + "'generate_answer.predict'");
    }

    @Test
    void prefixesAreTitleCasedNames() {
        assertThat(DspyInterop.prefix("key_words")).isEqualTo("Key Words:");
        assertThat(DspyInterop.prefix("question")).isEqualTo("Question:");
    }
}
