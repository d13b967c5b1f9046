package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import dev.signet.usage.Budget;
import dev.signet.usage.BudgetExceededException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MIPROv2 on the codes task, through the real SDK: its hint shows in the data (every answer starts with
 * {@code code-}), so a grounded proposal can state it; demos help too.
 */
class MiproV2Test {
    private final Simulated sim = new Simulated(TaskSimulator.codes(11, 40));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    private MiproV2.Builder light() {
        return MiproV2.builder(sim.metric()).auto(MiproV2.Auto.LIGHT).seed(3).concurrency(8);
    }

    @Test
    void lightImprovesOnTheZeroShotBaselineWithAProposedInstruction() {
        List<MiproV2.Trial> seen = new ArrayList<>();
        MiproV2.Result result = light().onTrial(seen::add).build().search(sim.signet, Simulated.program(),
                sim.split.train(), sim.split.dev());

        assertThat(result.baseline()).isEqualTo(sim.score(sim.signet, sim.split.dev()));
        assertThat(result.bestScore()).isGreaterThan(result.baseline())
                .isEqualTo(sim.score(sim.signet.withPrompts(result.run().prompts()), sim.split.dev()));
        List<String> candidates = result.instructionCandidates().get("com.example.Codes");
        assertThat(candidates).hasSize(3).first().isEqualTo("Give the code of the item.");
        assertThat(candidates.subList(1, 3)).allSatisfy(c -> assertThat(c).contains(sim.task.hint()));
        assertThat(result.demoCandidates()).isEqualTo(3);

        // 12 minibatch trials, the baseline and 3 full evaluations of the best so far
        assertThat(result.trials()).hasSize(16).isEqualTo(seen);
        assertThat(result.trials().get(0).full()).isTrue();
        assertThat(result.trials().stream().filter(MiproV2.Trial::full).count()).isEqualTo(4);
        assertThat(result.trials().stream().filter(t -> !t.full())).allSatisfy(t -> assertThat(t.examples()).isEqualTo(10));
        MiproV2.Choice chosen = result.chosen().get("com.example.Codes");
        assertThat(result.run().prompts().get("com.example.Codes").instructions())
                .isEqualTo(candidates.get(chosen.instruction()));
        assertThat(result.metricCalls()).isEqualTo(sim.metricCalls.get());
    }

    @Test
    void isDeterministicForASeedAndResumesFromItsCheckpoint() {
        MiproV2.Result first = light().build().search(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        MiproV2.Result again = light().build().search(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        assertThat(again.trials()).isEqualTo(first.trials());
        assertThat(again.instructionCandidates()).isEqualTo(first.instructionCandidates());

        Path checkpoint = dir.resolve("mipro.json");
        Budget budget = Budget.unlimited().maxCalls(150);
        assertThatThrownBy(() -> light().checkpoint(checkpoint).build().compile(sim.signet.withInterceptor(budget),
                Simulated.program(), sim.split.train(), sim.split.dev())).isInstanceOf(BudgetExceededException.class);
        MiproV2.Result resumed = light().checkpoint(checkpoint).build().search(sim.signet, Simulated.program(),
                sim.split.train(), sim.split.dev());
        assertThat(resumed.trials()).isEqualTo(first.trials());
        assertThat(resumed.chosen()).isEqualTo(first.chosen());
        assertThat(resumed.run().prompts()).isEqualTo(first.run().prompts());
    }

    @Test
    void proposalsRunOnTheProposerHandleAndItsModel() {
        try (LoopbackOpenAiServer strong = LoopbackOpenAiServer.start().respondWith(sim.task);
                OpenAiLanguageModel strongLm = OpenAiLanguageModel.builder().apiKey("k").baseUrl(strong.baseUrl())
                        .model("strong").build()) {
            MiproV2.Result result = light().proposer(sim.signet.withModel(strongLm)).build().search(sim.signet,
                    Simulated.program(), sim.split.train(), sim.split.dev());

            // one data description and two proposals, all on the strong model; none on the program's
            assertThat(strong.requests()).hasSize(3).allSatisfy(r -> assertThat(r.model()).isEqualTo("strong"));
            assertThat(strong.requests().get(0).messages().get(0).content()).contains("`observations`");
            assertThat(sim.server.requests()).noneSatisfy(r -> assertThat(r.messages().get(0).content())
                    .contains("`proposed_instruction`"));
            assertThat(result.instructionCandidates().get("com.example.Codes")).hasSize(3);
        }
    }

    @Test
    void refusesEmptySetsAndBadSettings() {
        assertThatThrownBy(() -> light().build().compile(sim.signet, Simulated.program(), List.of(), sim.split.dev()))
                .hasMessageContaining("needs a training and a development set; got 0 and 20 examples");
        assertThatThrownBy(() -> MiproV2.builder(sim.metric()).trials(0))
                .hasMessage("trials must be at least 1, not 0");
    }
}
