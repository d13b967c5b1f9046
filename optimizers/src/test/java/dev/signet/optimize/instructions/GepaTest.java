package dev.signet.optimize.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.Strategy;
import dev.signet.optimize.BootstrapFewShot;
import dev.signet.optimize.OptimizationResult;
import dev.signet.testing.TaskSimulator;
import dev.signet.usage.Budget;
import dev.signet.usage.BudgetExceededException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GEPA on the sections task, whose rules only the metric's feedback states, through the real SDK: reflection
 * finds them; demos can't stand in for them.
 */
class GepaTest {
    private final Simulated sim = new Simulated(TaskSimulator.sections(5, 48));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        sim.close();
    }

    private Gepa.Builder gepa(long budget) {
        return Gepa.builder(sim.metric()).maxMetricCalls(budget).seed(1).concurrency(8);
    }

    @Test
    void beatsBootstrapFewShotByTenPointsWithinItsBudgetOfMetricCalls() {
        OptimizationResult bootstrapped = BootstrapFewShot.builder(sim.metric()).maxBootstrappedDemos(4)
                .maxLabeledDemos(0).seed(1).build().compile(sim.signet, Simulated.program(), sim.split.train());
        double bootstrapScore = sim.score(sim.signet.withPrompts(bootstrapped.prompts()), sim.split.dev());

        long before = sim.metricCalls.get();
        Gepa.Result result = gepa(300).build().compile(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        long used = sim.metricCalls.get() - before;

        double gepaScore = sim.score(sim.signet.withPrompts(result.best().prompts()), sim.split.dev());
        assertThat(gepaScore).as("GEPA %s vs BootstrapFewShot %s", gepaScore, bootstrapScore)
                .isGreaterThanOrEqualTo(bootstrapScore + 0.10);
        assertThat(gepaScore).isEqualTo(result.candidates().get(result.winner()).mean());
        assertThat(used).as("metric calls").isEqualTo(result.metricCalls()).isLessThanOrEqualTo(300);

        // the winning instruction is readable, and states rules that only the feedback gave
        String instruction = result.bestCandidate().get("com.example.Codes");
        assertThat(instruction).startsWith("Give the code of the item.");
        assertThat(instruction).contains(sim.task.rules());
        assertThat(result.lineage()).startsWith(0).endsWith(result.winner());
        assertThat(result.history()).first().extracting(Gepa.FrontierPoint::candidates).isEqualTo(1);
        assertThat(result.history()).last().extracting(Gepa.FrontierPoint::frontierScore)
                .isEqualTo(result.history().stream().mapToDouble(Gepa.FrontierPoint::frontierScore).max().orElseThrow());
    }

    @Test
    void isDeterministicForASeedAndResumesFromItsCheckpoint() {
        Gepa.Result first = gepa(150).build().compile(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        Gepa.Result again = gepa(150).build().compile(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        assertThat(again.candidates()).isEqualTo(first.candidates());
        assertThat(again.metricCalls()).isEqualTo(first.metricCalls());

        // interrupted by a spent budget of LM calls, then resumed: the same pool as the uninterrupted run
        Path checkpoint = dir.resolve("gepa.json");
        Budget budget = Budget.of(sim.lm).maxCalls(60);
        assertThatThrownBy(() -> gepa(150).checkpoint(checkpoint).build().compile(sim.signet.withModel(budget),
                Simulated.program(), sim.split.train(), sim.split.dev())).isInstanceOf(BudgetExceededException.class);
        int requests = sim.server.requestCount();
        Gepa.Result resumed = gepa(150).checkpoint(checkpoint).build().compile(sim.signet, Simulated.program(),
                sim.split.train(), sim.split.dev());
        assertThat(resumed.candidates()).isEqualTo(first.candidates());
        assertThat(resumed.history()).isEqualTo(first.history());
        int resumedRequests = sim.server.requestCount() - requests;
        assertThat(resumedRequests).as("the resumed run redoes only what the checkpoint lacks")
                .isLessThan((int) first.metricCalls());

        // a larger budget carries on from the same checkpoint
        Gepa.Result longer = gepa(300).checkpoint(checkpoint).build().compile(sim.signet, Simulated.program(),
                sim.split.train(), sim.split.dev());
        assertThat(longer.candidates()).startsWith(first.candidates().toArray(new Gepa.Candidate[0]));
        assertThat(longer.metricCalls()).isGreaterThan(first.metricCalls()).isLessThanOrEqualTo(300);
    }

    @Test
    void theWinnerExportsAsAGepaCandidateAndImportsBackToTheSamePrompt() throws Exception {
        Gepa.Result result = gepa(150).build().compile(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        Path file = dir.resolve("candidate.json");
        GepaCandidate.write(file, result.bestCandidate());
        Map<String, String> imported = GepaCandidate.read(file);
        assertThat(imported).isEqualTo(result.bestCandidate());

        Signet fromResult = sim.signet.withPrompts(result.best().prompts());
        Signet fromCandidate = GepaCandidate.apply(sim.signet, imported);
        String question = sim.split.dev().get(0).input("question");
        assertThat(preview(fromCandidate, question)).isEqualTo(preview(fromResult, question));
        assertThat(GepaCandidate.of(result.best().prompts())).isEqualTo(imported);
    }

    @Test
    void refusesABudgetThatCannotPayForTheFirstEvaluation() {
        assertThatThrownBy(() -> gepa(10).build().compile(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can't pay for the first evaluation of the development set (24 examples)");
        assertThat(sim.metricCalls.get()).isZero();
    }

    @Test
    void aMalformedCandidateFileIsAClearError() {
        assertThatThrownBy(() -> GepaCandidate.fromJson("{\"a\": 3}", "c.json"))
                .hasMessage("c.json: the instruction of `a` must be a string, not NUMBER");
        assertThatThrownBy(() -> GepaCandidate.fromJson("[]", "c.json"))
                .hasMessageContaining("c.json: a GEPA candidate is a JSON object");
    }

    private static List<dev.signet.lm.Message> preview(Signet handle, String question) {
        return Predictor.create(handle, Simulated.CODES, o -> o, Strategy.predict()).preview(Map.of("question",
                question));
    }
}
