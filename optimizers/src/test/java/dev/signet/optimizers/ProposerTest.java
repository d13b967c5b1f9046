package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.Signet;
import dev.signet.eval.Example;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.RecordedRequest;
import dev.signet.testing.TaskSimulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proposer and reflection programs are generated predictors (dogfooding the processor); they run on a handle
 * of their own, here a second "stronger" server, and the simulator answers them only from what they show it.
 */
class ProposerTest {
    private final TaskSimulator sections = TaskSimulator.sections(5, 16);
    private final LoopbackOpenAiServer strong = LoopbackOpenAiServer.start().respondWith(sections);
    private final OpenAiLanguageModel strongLm = OpenAiLanguageModel.builder().apiKey("k").baseUrl(strong.baseUrl())
            .model("strong").build();
    private final Signet proposerHandle = Signet.builder().languageModel(strongLm).build();

    @AfterEach
    void close() {
        strongLm.close();
        strong.close();
    }

    @Test
    void reflectionStatesTheRulesTheFeedbackGaveAndKeepsTheCurrentInstruction() {
        String question = sections.answers().keySet().iterator().next();
        String rule = sections.rule(question).orElseThrow();
        String feedback = Programs.json(Map.of("inputs", Map.of("question", question), "score", 0.0,
                "feedback", "Wrong. " + rule));

        String instruction = ReflectOnFeedbackPredictor.create(proposerHandle).reflect("Give the code.", feedback);

        assertThat(instruction).isEqualTo("Give the code. " + rule);
        RecordedRequest request = strong.lastRequest();
        assertThat(request.model()).isEqualTo("strong");
        assertThat(request.messages().get(0).content()).contains("`current_instruction`", "`examples_with_feedback`",
                "`new_instruction`");
        // without feedback that states a rule, there is nothing to add
        assertThat(ReflectOnFeedbackPredictor.create(proposerHandle).reflect("Give the code.",
                Programs.json(Map.of("inputs", Map.of("question", question), "score", 0.0)))).isEqualTo("Give the code.");
    }

    @Test
    void theDatasetDescriptionAndProposalsAreGroundedInTheDataShown() {
        TaskSimulator codes = TaskSimulator.codes(1, 10);
        strong.respondWith(codes);
        InstructionProposer proposer = new InstructionProposer(proposerHandle);
        List<Example> examples = codes.answers().entrySet().stream()
                .map(e -> new Example(Map.of("question", e.getKey()), Map.of("answer", e.getValue()))).toList();

        String description = proposer.describeDataset(examples);
        assertThat(description).contains(codes.hint());
        assertThat(proposer.describeDataset(examples.subList(0, 2))).as("two examples show no pattern")
                .doesNotContain(codes.hint());

        String signature = InstructionProposer.describeSignature(Simulated.CODES, "Give the code of the item.");
        assertThat(signature).contains("- question (str)", "- answer (str)",
                "Current instruction: Give the code of the item.");
        String proposal = proposer.propose(description, "A program of 1 step(s)", signature, List.of(),
                InstructionProposer.TIPS.get(1));
        assertThat(proposal).isEqualTo("Give the code of the item. " + codes.hint() + ".");
        assertThat(strong.lastRequest().lastUserMessage()).contains("[[ ## tip ## ]]\n" + InstructionProposer.TIPS.get(1),
                "[[ ## demos ## ]]\n(none)");
    }
}
