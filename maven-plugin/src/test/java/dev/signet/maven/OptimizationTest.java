package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.baked.CodesPredictor;
import dev.signet.Module;
import dev.signet.Signet;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.PromptState;
import dev.signet.eval.Dataset;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Metrics;
import dev.signet.eval.Score;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.SignetProject;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import dev.signet.usage.BudgetExceededException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizationTest {
    private final TaskSimulator task = TaskSimulator.codes(3, 60);
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(task);

    @TempDir
    Path prompts;

    @TempDir
    Path reports;

    @AfterEach
    void close() {
        server.close();
    }

    /**
     * A project as users write it, on a task simulator: the generated predictor of {@code Codes}, half the
     * questions to train on, and the prompts the build ships as its starting point.
     */
    static final class SimulatedProject implements SignetProject {
        private final String baseUrl;
        private final Module module;
        private final Metric metric;
        private final Dataset.Split split;
        private final Path shipped;

        SimulatedProject(TaskSimulator task, String baseUrl, Module module, Metric metric, long splitSeed,
                Path shipped) {
            this.baseUrl = baseUrl;
            this.module = module;
            this.metric = metric;
            this.shipped = shipped;
            List<Example> examples = new ArrayList<>();
            task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
            split = Dataset.split(examples, 0.5, splitSeed);
        }

        @Override
        public Signet signet() {
            Signet signet = Signet.builder().languageModel(OpenAiLanguageModel.builder().apiKey("k").baseUrl(baseUrl)
                    .model("simulated").build()).build();
            return shipped == null ? signet : signet.withArtifactsFrom(shipped);
        }

        @Override
        public ProgramFactory program() {
            return handle -> {
                CodesPredictor codes = CodesPredictor.create(handle, module);
                return example -> codes.predictAsync(example.input("question"));
            };
        }

        @Override
        public Metric metric() {
            return metric;
        }

        @Override
        public List<Example> devset() {
            return split.dev();
        }

        @Override
        public List<Example> trainset() {
            return split.train();
        }
    }

    /** The codes task, with chain of thought, starting from what {@code prompts} holds. */
    private SignetProject codesProject() {
        return new SimulatedProject(task, server.baseUrl(), Module.chainOfThought(), Metrics.exactMatch("answer"), 1,
                prompts);
    }

    /** The sections task, whose rules only the metric's feedback states. */
    static SignetProject sections(TaskSimulator sections, String baseUrl) {
        return new SimulatedProject(sections, baseUrl, Module.predict(), (example, prediction) ->
                example.label("answer").equals(prediction.outputs().get("answer")) ? Score.of(1)
                        : new Score(0, "Wrong. " + sections.rule(example.input("question")).orElse("")), 3, null);
    }

    private Optimization.Request request(String optimizer, Map<String, String> settings, long maxCalls) {
        return new Optimization.Request(prompts, reports, optimizer, settings, maxCalls);
    }

    /** The shipped artifact's score, on a new handle that reads it as a packaged build would. */
    private double scoreOfWhatShips(SignetProject project) {
        try (Signet shipped = project.signet()) {
            return Evaluator.builder().concurrency(4).build()
                    .evaluate(project.devset(), project.program().build(shipped), project.metric()).meanScore();
        }
    }

    @Test
    void randomSearchShipsTheCandidateItScoredAndCountsEveryCall() throws Exception {
        List<String> log = new ArrayList<>();

        Optimization.Outcome outcome = Optimization.run(codesProject(),
                request("randomSearch", Map.of("candidates", "2", "seed", "5", "maxLabeledDemos", "4"), 0), log::add);

        assertThat(log).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("candidate "));
        Path file = prompts.resolve("com.example.baked.Codes.json");
        assertThat(outcome.written()).containsExactly(file);
        PromptArtifact artifact = PromptArtifact.read(file);
        assertThat(artifact.module()).isEqualTo("ChainOfThought");
        assertThat(artifact.provenance()).containsKeys("optimizer", "seed", "train", "dev", "scoreBefore",
                "scoreAfter", "callsUsed", "winner");
        assertThat(artifact.provenance().get("optimizer")).isEqualTo("BootstrapFewShotWithRandomSearch");
        assertThat(outcome.run().bestScore()).isGreaterThan(outcome.run().baselineScore());
        assertThat(artifact.state(Module.chainOfThought().signature(CodesPredictor.SIGNATURE))).isEqualTo(
                outcome.run().prompts().get("com.example.baked.Codes"));

        assertThat(outcome.callsUsed()).as("every call the run made, counted where it was made")
                .isEqualTo(server.requestCount());
        assertThat(((Number) artifact.provenance().get("callsUsed")).longValue()).isEqualTo(outcome.callsUsed());

        // What was scored is what ships: the artifact, read back as the jar reads it, scores the winner's score.
        assertThat(scoreOfWhatShips(codesProject())).isEqualTo(outcome.run().bestScore());

        String html = Files.readString(reports.resolve("optimize-report.html"));
        assertThat(html).contains("<svg", "baseline", "com.example.baked.Codes", "LM calls used: "
                + outcome.callsUsed()).doesNotContain("<script", "src=", "href=", "<link");

    }

    @Test
    void theNextOptimizationStartsFromTheShippedPromptAndNeverShipsWorse() throws Exception {
        Optimization.Outcome first = Optimization.run(codesProject(),
                request("randomSearch", Map.of("candidates", "1", "seed", "5"), 0), l -> { });
        PromptState shipped = PromptArtifact.read(prompts.resolve("com.example.baked.Codes.json"))
                .state(Module.chainOfThought().signature(CodesPredictor.SIGNATURE));

        Optimization.Outcome second = Optimization.run(codesProject(),
                request("randomSearch", Map.of("candidates", "1", "seed", "6"), 0), l -> { });

        assertThat(second.run().predictors().get(0).baseline()).isEqualTo(shipped);
        assertThat(second.run().baselineScore()).as("the baseline is the shipped prompt's score")
                .isEqualTo(first.run().bestScore());
        assertThat(second.run().bestScore()).isGreaterThanOrEqualTo(first.run().bestScore());

        // the report shows the new prompt beside the one it replaces, as messages, line by line
        String html = Files.readString(reports.resolve("optimize-report.html"));
        PromptArtifact now = PromptArtifact.read(prompts.resolve("com.example.baked.Codes.json"));
        assertThat(html).contains("<table class=\"diff\">", "── system ──", "── user ──",
                "demos " + shipped.demos().size() + " → " + now.demos().size() + ".")
                .doesNotContain("\"format\" : \"signet.prompt/v1\"");
    }

    @Test
    void gepaWritesTheEvolvedInstructionItsFrontierChartAndLineage() throws Exception {
        TaskSimulator sections = TaskSimulator.sections(5, 48);
        server.respondWith(sections);
        List<String> log = new ArrayList<>();

        Optimization.Outcome outcome = Optimization.run(sections(sections, server.baseUrl()),
                request("gepa", Map.of("maxMetricCalls", "300", "seed", "1"), 0), log::add);

        assertThat(outcome.run().bestScore()).isGreaterThan(outcome.run().baselineScore() + 0.3);
        PromptArtifact artifact = PromptArtifact.read(prompts.resolve("com.example.baked.Codes.json"));
        assertThat(artifact.instructions()).startsWith("Give the code of the item.").contains(sections.rules());
        assertThat(artifact.provenance().get("optimizer")).isEqualTo("GEPA");
        assertThat(((Number) artifact.provenance().get("metricCalls")).longValue()).isLessThanOrEqualTo(300);
        String html = Files.readString(reports.resolve("optimize-report.html"));
        assertThat(html).contains("<svg", "Pareto frontier", "lineage", "reflection on com.example.baked.Codes")
                .doesNotContain("<script", "src=", "href=");
        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("iteration "));
    }

    @Test
    void miproWritesTheChosenCombinationAndEveryTrial() throws Exception {
        List<String> log = new ArrayList<>();

        Optimization.Outcome outcome = Optimization.run(codesProject(),
                request("mipro", Map.of("auto", "light", "maxLabeledDemos", "0", "seed", "1"), 0), log::add);

        assertThat(outcome.run().bestScore()).isGreaterThan(outcome.run().baselineScore());
        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("trial "));
        PromptArtifact artifact = PromptArtifact.read(prompts.resolve("com.example.baked.Codes.json"));
        assertThat(artifact.provenance().get("optimizer")).isEqualTo("MIPROv2");
        assertThat(scoreOfWhatShips(codesProject())).isEqualTo(outcome.run().bestScore());
        String html = Files.readString(reports.resolve("optimize-report.html"));
        assertThat(html).contains("trial", "Instruction candidates", "<svg").doesNotContain("<script");
    }

    @Test
    void anUnknownOptimizerNamesTheOnesThereAreAndAnUnreadSettingIsWarnedAbout() throws Exception {
        assertThatThrownBy(() -> Optimization.run(codesProject(), request("mipro3", Map.of(), 0), l -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No optimizer has the id 'mipro3'. signet.optimizer is one of: ")
                .hasMessageContaining("gepa (").hasMessageContaining("mipro (").hasMessageContaining("randomSearch (");
        assertThat(server.requestCount()).isZero();

        List<String> log = new ArrayList<>();
        Optimization.run(codesProject(), request("labeledFewShot", Map.of("k", "2", "maxMetricCals", "9"), 0),
                log::add);
        assertThat(log).contains("WARNING: the optimizer labeledFewShot does not read the setting(s) [maxMetricCals].");
    }

    @Test
    void aBudgetStopsTheRunBeforeItIsPassedWritesNothingAndTheRerunResumes(@TempDir Path elsewhere) throws Exception {
        Map<String, String> settings = Map.of("candidates", "1", "seed", "5", "concurrency", "1"); // exact counts
        long whole = Optimization.run(codesProject(), new Optimization.Request(elsewhere.resolve("prompts"),
                elsewhere.resolve("reports"), "randomSearch", settings, 0), l -> { }).callsUsed();
        int before = server.requestCount();

        assertThatThrownBy(() -> Optimization.run(codesProject(), request("randomSearch", settings, 75), l -> { }))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(server.requestCount() - before).isLessThanOrEqualTo(75);
        assertThat(prompts).isEmptyDirectory();

        long rest = Optimization.run(codesProject(), request("randomSearch", settings, 0), l -> { }).callsUsed();
        assertThat(rest).as("the two candidates scored before the budget ran out (30 calls each) are not redone")
                .isEqualTo(whole - 60);
    }
}
