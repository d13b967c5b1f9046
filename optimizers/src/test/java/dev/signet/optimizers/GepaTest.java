package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Module;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.lm.LanguageModelException;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.ProgramFactory;
import dev.signet.testing.Reply;
import dev.signet.testing.TaskSimulator;
import dev.signet.usage.Budget;
import dev.signet.usage.BudgetExceededException;
import java.nio.file.Path;
import java.util.ArrayList;
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
        OptimizationRun bootstrapped = BootstrapFewShot.builder(sim.metric()).maxBootstrappedDemos(4)
                .maxLabeledDemos(0).seed(1).build().compile(sim.signet, Simulated.program(), sim.split.train(), List.of());
        double bootstrapScore = sim.score(sim.signet.withPrompts(bootstrapped.prompts()), sim.split.dev());

        long before = sim.metricCalls.get();
        Gepa.Result result = gepa(300).build().search(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        long used = sim.metricCalls.get() - before;

        double gepaScore = sim.score(sim.signet.withPrompts(result.run().prompts()), sim.split.dev());
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
        Gepa.Result first = gepa(150).build().search(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        Gepa.Result again = gepa(150).build().search(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        assertThat(again.candidates()).isEqualTo(first.candidates());
        assertThat(again.metricCalls()).isEqualTo(first.metricCalls());

        // interrupted by a spent budget of LM calls, then resumed: the same pool as the uninterrupted run
        Path checkpoint = dir.resolve("gepa.json");
        Budget budget = Budget.unlimited().maxCalls(60);
        assertThatThrownBy(() -> gepa(150).checkpoint(checkpoint).build().compile(sim.signet.withInterceptor(budget),
                Simulated.program(), sim.split.train(), sim.split.dev())).isInstanceOf(BudgetExceededException.class);
        int requests = sim.server.requestCount();
        Gepa.Result resumed = gepa(150).checkpoint(checkpoint).build().search(sim.signet, Simulated.program(),
                sim.split.train(), sim.split.dev());
        assertThat(resumed.candidates()).isEqualTo(first.candidates());
        assertThat(resumed.history()).isEqualTo(first.history());
        int resumedRequests = sim.server.requestCount() - requests;
        assertThat(resumedRequests).as("the resumed run redoes only what the checkpoint lacks")
                .isLessThan((int) first.metricCalls());

        // a larger budget carries on from the same checkpoint
        Gepa.Result longer = gepa(300).checkpoint(checkpoint).build().search(sim.signet, Simulated.program(),
                sim.split.train(), sim.split.dev());
        assertThat(longer.candidates()).startsWith(first.candidates().toArray(new Gepa.Candidate[0]));
        assertThat(longer.metricCalls()).isGreaterThan(first.metricCalls()).isLessThanOrEqualTo(300);
    }

    @Test
    void theWinnerExportsAsAGepaCandidateAndImportsBackToTheSamePrompt() throws Exception {
        Gepa.Result result = gepa(150).build().search(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev());
        Path file = dir.resolve("candidate.json");
        GepaCandidate.write(file, result.bestCandidate());
        Map<String, String> imported = GepaCandidate.read(file);
        assertThat(imported).isEqualTo(result.bestCandidate());

        Signet fromResult = sim.signet.withPrompts(result.run().prompts());
        Signet fromCandidate = GepaCandidate.apply(sim.signet, imported);
        String question = sim.split.dev().get(0).input("question");
        assertThat(preview(fromCandidate, question)).isEqualTo(preview(fromResult, question));
        assertThat(GepaCandidate.of(result.run().prompts())).isEqualTo(imported);
    }

    /** Two predictors: "near" answers the north and south sections, "far" the east and west ones. */
    private static ProgramFactory twoPredictors() {
        return handle -> {
            TypedPredictor<String> near = TypedPredictor.create(handle, Simulated.CODES, o -> ((String) o.get("answer")),
                    Module.predict()).named("near");
            TypedPredictor<String> far = TypedPredictor.create(handle, Simulated.CODES, o -> ((String) o.get("answer")),
                    Module.predict()).named("far");
            return example -> {
                String question = example.input("question");
                boolean isNear = question.contains("north") || question.contains("south");
                return (isNear ? near : far).predictAsync(Map.of("question", question));
            };
        };
    }

    @Test
    void mutatesEachPredictorInTurnEvenOnesTheFirstExampleDoesNotReach() {
        Gepa.Result result = gepa(300).build().search(sim.signet, twoPredictors(), sim.split.train(),
                sim.split.dev());

        assertThat(result.candidates()).extracting(Gepa.Candidate::origin)
                .contains("reflection on near", "reflection on far");
        // each predictor's instruction states the rules of the sections it answers, and only those
        Map<String, String> best = result.bestCandidate();
        assertThat(best.get("near")).contains("section north").doesNotContain("section east", "section west");
        assertThat(best.get("far")).contains("section east").doesNotContain("section north", "section south");
        assertThat(result.metricCalls()).isLessThanOrEqualTo(300);
    }

    @Test
    void mergesTwoCandidatesThatImprovedDifferentPredictorsOfTheirCommonAncestor() throws Exception {
        List<String> rules = sim.task.rules(); // north, south, east, west
        String base = "Give the code of the item.";
        List<Map<String, String>> instructions = List.of(
                ordered("near", base, "far", base),
                ordered("near", base + " " + rules.get(0) + " " + rules.get(1), "far", base),
                ordered("near", base, "far", base + " " + rules.get(2) + " " + rules.get(3)));
        // a checkpoint holding the seed and two children of it, each with its real scores, and a merge due
        Gepa.Builder builder = gepa(102).useMerge(true);
        Path file = dir.resolve("gepa.json");
        ObjectNode state = new Checkpoint(file, builder.build().settingsKey(), sim.signet,
                Programs.created(sim.signet, twoPredictors()), sim.split.train(), sim.split.dev(), line -> { }, s -> { }).read()
                .put("metricCalls", 72).put("iteration", 2).put("merges", 0).put("mergesDue", 1);
        ArrayNode candidates = state.putArray("candidates");
        List<double[]> scores = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double[] devScores = Rollouts.scores(Rollouts.run(GepaCandidate.apply(sim.signet, instructions.get(c)),
                    twoPredictors(), sim.split.dev(), sim.metric(), 8));
            scores.add(devScores);
            ObjectNode node = candidates.addObject();
            instructions.get(c).forEach(node.putObject("instructions")::put);
            ArrayNode parents = node.putArray("parents");
            if (c > 0) {
                parents.add(0);
            }
            ArrayNode values = node.putArray("scores");
            java.util.Arrays.stream(devScores).forEach(values::add);
            node.put("discoveredAt", 24 * (c + 1)).put("origin", c == 0 ? "seed" : "test").put("selections", 0);
        }
        java.nio.file.Files.writeString(file, state.toString());

        Gepa.Result result = builder.checkpoint(file).build().search(sim.signet, twoPredictors(), sim.split.train(),
                sim.split.dev());

        assertThat(result.candidates()).hasSize(4);
        Gepa.Candidate merged = result.candidates().get(3);
        assertThat(merged.origin()).isEqualTo("merge of 1 and 2");
        assertThat(merged.parents()).containsExactlyInAnyOrder(1, 2);
        assertThat(merged.instructions()).isEqualTo(ordered("near", instructions.get(1).get("near"),
                "far", instructions.get(2).get("far")));
        assertThat(merged.mean()).isGreaterThan(java.util.Arrays.stream(scores.get(1)).average().orElseThrow())
                .isGreaterThan(java.util.Arrays.stream(scores.get(2)).average().orElseThrow());
        assertThat(result.winner()).isEqualTo(3);
        assertThat(result.metricCalls()).isEqualTo(72 + 6 + 24).isLessThanOrEqualTo(102);
    }

    private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    @Test
    void refusesABudgetThatCannotPayForTheFirstEvaluation() {
        assertThatThrownBy(() -> gepa(10).build().compile(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can't pay for the first evaluation of the development set (24 examples)");
        assertThat(sim.metricCalls.get()).isZero();
    }

    @Test
    void stopsAtOnceWhenNoRunReachesTheModelInsteadOfSpendingItsBudgetOnZeros() {
        sim.server.respondWith(request -> Reply.error(401, "invalid api key"));
        assertThatThrownBy(() -> gepa(300).build().compile(sim.signet, Simulated.program(), sim.split.train(),
                sim.split.dev())).isInstanceOf(LanguageModelException.class)
                .hasMessageContaining("every run of the program on 24 examples failed at the model");
        assertThat(sim.server.requestCount()).isLessThanOrEqualTo(24);
    }

    @Test
    void anUnreadableReflectionIsNotedAndTheRunGoesOn() {
        sim.server.respondWith(request -> request.messages().get(0).content().contains("`new_instruction`")
                ? Reply.text("I would rather not follow the format.") : sim.task.respond(request));
        List<String> outcomes = new ArrayList<>();
        Gepa.Result result = gepa(60).onProgress(p -> outcomes.add(p.outcome())).build().search(sim.signet,
                Simulated.program(), sim.split.train(), sim.split.dev());
        assertThat(outcomes).isNotEmpty().anySatisfy(o -> assertThat(o)
                .startsWith("reflection on com.example.Codes gave a reply that could not be parsed"));
        assertThat(result.candidates()).hasSize(1);
        assertThat(result.metricCalls()).isLessThanOrEqualTo(60);
    }

    @Test
    void aMalformedCandidateFileIsAClearError() {
        assertThatThrownBy(() -> GepaCandidate.fromJson("{\"a\": 3}", "c.json"))
                .hasMessage("c.json: the instruction of `a` must be a string, not NUMBER");
        assertThatThrownBy(() -> GepaCandidate.fromJson("[]", "c.json"))
                .hasMessageContaining("c.json: a GEPA candidate is a JSON object");
    }

    private static List<dev.signet.lm.Message> preview(Signet handle, String question) {
        return TypedPredictor.create(handle, Simulated.CODES, o -> o, Module.predict()).preview(Map.of("question",
                question));
    }
}
