package dev.signet.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.core.FieldType;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.lm.Message.Role;
import dev.signet.lm.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering, compared with expected strings written from docs/chat-format.md (DSPy's ChatAdapter). */
class ChatAdapterFormatTest {
    private final ChatAdapter adapter = new ChatAdapter();

    enum Feeling { JOY, SADNESS, ANGER }

    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void theSpecificationsWorkedExampleWithOneDemo() {
        SignatureDescription qa = SignatureDescription.builder("QA")
                .instructions("Answer questions with short factoid answers.")
                .input("question", "", FieldType.STRING)
                .output("answer", "often between 1 and 5 words", FieldType.STRING)
                .build();

        List<Message> messages = adapter.format(qa, new PromptState(qa.instructions(),
                List.of(values("question", "Who wrote Dune?", "answer", "Frank Herbert"))),
                values("question", "What is the capital of France?"));

        assertThat(messages).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(messages.get(0).content()).isEqualTo(String.join("\n",
                "Your input fields are:",
                "1. `question` (str):",
                "Your output fields are:",
                "1. `answer` (str): often between 1 and 5 words",
                "All interactions will be structured in the following way, with the appropriate values filled in.",
                "",
                "[[ ## question ## ]]",
                "{question}",
                "",
                "[[ ## answer ## ]]",
                "{answer}",
                "",
                "[[ ## completed ## ]]",
                "In adhering to this structure, your objective is: ",
                "        Answer questions with short factoid answers."));
        assertThat(messages.get(1).content()).isEqualTo("[[ ## question ## ]]\nWho wrote Dune?");
        assertThat(messages.get(2).content()).isEqualTo("[[ ## answer ## ]]\nFrank Herbert\n\n[[ ## completed ## ]]\n");
        assertThat(messages.get(3).content()).isEqualTo(String.join("\n",
                "[[ ## question ## ]]",
                "What is the capital of France?",
                "",
                "Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, "
                        + "and then ending with the marker for `[[ ## completed ## ]]`."));
    }

    @Test
    void typedOutputsGetTypeNotesAndFormatRequirements() {
        SignatureDescription emotion = SignatureDescription.builder("Emotion")
                .instructions("Classify the emotion expressed in a sentence.")
                .input("sentence", "one sentence", FieldType.STRING)
                .input("context", "", FieldType.listOf(FieldType.STRING))
                .output("feeling", "the dominant emotion", FieldType.enumOf(Feeling.class, Feeling.values()))
                .output("confidence", "between 0 and 1", FieldType.DOUBLE)
                .output("intensity", "", FieldType.INT)
                .output("sarcastic", "", FieldType.BOOLEAN)
                .output("keywords", "", FieldType.listOf(FieldType.STRING))
                .build();

        List<Message> messages = adapter.format(emotion, PromptState.of(emotion),
                values("sentence", "I can't believe it — we won!", "context", List.of("sports", "finale \"live\"")));

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).content()).isEqualTo(String.join("\n",
                "Your input fields are:",
                "1. `sentence` (str): one sentence",
                "2. `context` (list[str]):",
                "Your output fields are:",
                "1. `feeling` (Feeling): the dominant emotion",
                "2. `confidence` (float): between 0 and 1",
                "3. `intensity` (int): ",
                "4. `sarcastic` (bool): ",
                "5. `keywords` (list[str]):",
                "All interactions will be structured in the following way, with the appropriate values filled in.",
                "",
                "[[ ## sentence ## ]]",
                "{sentence}",
                "",
                "[[ ## context ## ]]",
                "{context}",
                "",
                "[[ ## feeling ## ]]",
                "{feeling}        # note: the value you produce must be one of: JOY; SADNESS; ANGER",
                "",
                "[[ ## confidence ## ]]",
                "{confidence}        # note: the value you produce must be a single float value",
                "",
                "[[ ## intensity ## ]]",
                "{intensity}        # note: the value you produce must be a single int value",
                "",
                "[[ ## sarcastic ## ]]",
                "{sarcastic}        # note: the value you produce must be True or False",
                "",
                "[[ ## keywords ## ]]",
                "{keywords}        # note: the value you produce must adhere to the JSON schema: "
                        + "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}",
                "",
                "[[ ## completed ## ]]",
                "In adhering to this structure, your objective is: ",
                "        Classify the emotion expressed in a sentence."));
        assertThat(messages.get(1).content()).isEqualTo(String.join("\n",
                "[[ ## sentence ## ]]",
                "I can't believe it — we won!",
                "",
                "[[ ## context ## ]]",
                "[\"sports\", \"finale \\\"live\\\"\"]",
                "",
                "Respond with the corresponding output fields, starting with the field `[[ ## feeling ## ]]` "
                        + "(must be formatted as a valid Python Feeling), then `[[ ## confidence ## ]]` "
                        + "(must be formatted as a valid Python float), then `[[ ## intensity ## ]]` "
                        + "(must be formatted as a valid Python int), then `[[ ## sarcastic ## ]]` "
                        + "(must be formatted as a valid Python bool), then `[[ ## keywords ## ]]` "
                        + "(must be formatted as a valid Python list[str]), and then ending with the marker for "
                        + "`[[ ## completed ## ]]`."));
    }

    @Test
    void multiLineInstructionsAreDedentedAndIndentedLineByLine() {
        SignatureDescription sig = SignatureDescription.builder("Steps")
                .instructions("    Solve the problem.\n\n      Show your steps.\n    Be brief.")
                .input("problem", "", FieldType.STRING)
                .output("solution", "", FieldType.STRING)
                .build();

        String system = adapter.systemMessage(sig, sig.instructions());

        assertThat(system).endsWith("In adhering to this structure, your objective is: \n"
                + "        Solve the problem.\n"
                + "        \n"
                + "          Show your steps.\n"
                + "        Be brief.");
    }

    @Test
    void defaultInstructionsNameTheFields() {
        SignatureDescription sig = SignatureDescription.builder("Default")
                .input("question", "", FieldType.STRING)
                .input("context", "", FieldType.STRING)
                .output("answer", "", FieldType.STRING)
                .build();

        assertThat(sig.instructions()).isEqualTo("Given the fields `question`, `context`, produce the fields `answer`.");
        assertThat(adapter.systemMessage(sig, sig.instructions())).endsWith(
                "your objective is: \n        Given the fields `question`, `context`, produce the fields `answer`.");
    }

    @Test
    void incompleteDemosComeFirstAndDemosWithoutInputOrOutputAreDropped() {
        SignatureDescription sig = SignatureDescription.builder("Scores")
                .instructions("Score.")
                .input("text", "", FieldType.STRING)
                .input("strict", "", FieldType.BOOLEAN)
                .output("score", "", FieldType.DOUBLE)
                .output("label", "", FieldType.STRING)
                .build();
        List<Map<String, Object>> demos = List.of(
                values("text", "complete one", "strict", true, "score", 0.5, "label", "fine"),
                values("text", "no output at all"),
                values("text", "partial", "score", 3.0),
                values("score", 1.0, "label", "no input at all"));

        List<Message> messages = adapter.format(sig, new PromptState(sig.instructions(), demos),
                values("text", "now", "strict", false));

        assertThat(messages).hasSize(6);
        assertThat(messages.get(1).content()).isEqualTo(String.join("\n",
                "This is an example of the task, though some input or output fields are not supplied.",
                "",
                "[[ ## text ## ]]",
                "partial")); // the absent input `strict` is left out
        assertThat(messages.get(2).content()).isEqualTo(String.join("\n",
                "[[ ## score ## ]]",
                "3.0",
                "",
                "[[ ## label ## ]]",
                "Not supplied for this particular example.", // the turn is stripped: the last output loses its space
                "",
                "[[ ## completed ## ]]",
                ""));
        assertThat(messages.get(3).content()).isEqualTo("[[ ## text ## ]]\ncomplete one\n\n[[ ## strict ## ]]\nTrue");
        assertThat(messages.get(4).content())
                .isEqualTo("[[ ## score ## ]]\n0.5\n\n[[ ## label ## ]]\nfine\n\n[[ ## completed ## ]]\n");
        assertThat(messages.get(5).content()).startsWith("[[ ## text ## ]]\nnow\n\n[[ ## strict ## ]]\nFalse\n\n"
                + "Respond with the corresponding output fields, starting with the field `[[ ## score ## ]]` "
                + "(must be formatted as a valid Python float), then `[[ ## label ## ]]`, and then");
    }

    @Test
    void numbersAreWrittenAsPythonWritesThem() {
        SignatureDescription sig = SignatureDescription.builder("Numbers")
                .input("a", "", FieldType.INT)
                .input("b", "", FieldType.LONG)
                .input("c", "", FieldType.DOUBLE)
                .input("d", "", FieldType.DOUBLE)
                .input("e", "", FieldType.listOf(FieldType.INT))
                .output("out", "", FieldType.STRING)
                .build();

        List<Message> messages = adapter.format(sig, PromptState.of(sig), values("a", 3, "b", 12345678901L, "c", 3.0,
                "d", 1.5e-5, "e", List.of(1, 2)));
        String user = messages.get(messages.size() - 1).content();

        assertThat(user).startsWith("[[ ## a ## ]]\n3\n\n[[ ## b ## ]]\n12345678901\n\n[[ ## c ## ]]\n3.0\n\n"
                + "[[ ## d ## ]]\n1.5e-05\n\n[[ ## e ## ]]\n[1, 2]\n\n");
    }
}
