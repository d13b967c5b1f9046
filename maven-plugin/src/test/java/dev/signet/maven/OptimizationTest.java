package dev.signet.maven;

import dev.signet.TypedPredictor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.FieldType;
import dev.signet.Predictor;
import dev.signet.SignatureDescription;
import dev.signet.Signet;
import dev.signet.Module;
import dev.signet.artifact.PromptArtifact;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Metrics;
import dev.signet.eval.Score;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.SignetProject;
import dev.signet.optimize.instructions.GepaCandidate;
import dev.signet.optimize.instructions.MiproV2;
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
    static final SignatureDescription CODES = SignatureDescription.builder("com.example.Codes")
            .instructions("Give the code of the item.")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();

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

    /** A project as users write it, on a task simulator: one predictor, half the questions to train on. */
    private static final class SimulatedProject implements SignetProject {
        private final String baseUrl;
        private final Strategy strategy;
        private final Metric metric;
        private final Dataset.Split split;

        SimulatedProject(TaskSimulator task, String baseUrl, Strategy strategy, Metric metric, long splitSeed) {
            this.baseUrl = baseUrl;
            this.strategy = strategy;
            this.metric = metric;
            List<Example> examples = new ArrayList<>();
            task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
            split = Dataset.split(examples, 0.5, splitSeed);
        }

        @Override
        public Signet signet() {
            return Signet.builder().languageModel(OpenAiLanguageModel.builder().apiKey("k").baseUrl(baseUrl)
                    .model("simulated").build()).build();
        }

        @Override
        public ProgramFactory program() {
            return handle -> {
                TypedPredictor<String> codes = TypedPredictor.create(handle, CODES, o -> o.<String>value("answer"), strategy);
                return example -> codes.predictAsync(Map.of("question", example.input("question")));
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

    /** The codes task, with chain of thought. */
    private SignetProject codesProject() {
        return new SimulatedProject(task, server.baseUrl(), Module.chainOfThought(), Metrics.exactMatch("answer"), 1);
    }

    /** The sections task, whose rules only the metric's feedback states. */
    static SignetProject sections(TaskSimulator sections, String baseUrl) {
        return new SimulatedProject(sections, baseUrl, Module.predict(), (example, prediction) ->
                example.label("answer").equals(prediction.outputs().value("answer")) ? Score.of(1)
                        : new Score(0, "Wrong. " + sections.rule(example.input("question")).orElse("")), 3);
    }

    private Optimization.Request request(Optimization.Optimizer optimizer, long maxMetricCalls) {
        return new Optimization.Request(prompts, reports, optimizer, MiproV2.Auto.LIGHT, 2, 4, 0, 1, 8, 0,
                maxMetricCalls);
    }

    @Test
    void gepaWritesTheEvolvedInstructionItsFrontierChartLineageAndCandidate() throws Exception {
        TaskSimulator sections = TaskSimulator.sections(5, 48);
        server.respondWith(sections);
        List<String> log = new ArrayList<>();

        Optimization.Outcome outcome = Optimization.run(sections(sections, server.baseUrl()),
                request(Optimization.Optimizer.GEPA, 300), log::add);

        assertThat(outcome.best()).isGreaterThan(outcome.baseline() + 0.3);
        PromptArtifact artifact = PromptArtifact.read(prompts.resolve("com.example.Codes.json"));
        assertThat(artifact.instructions()).startsWith("Give the code of the item.").contains(sections.rules());
        assertThat(artifact.provenance().get("optimizer").asText()).isEqualTo("GEPA");
        assertThat(artifact.provenance().get("metricCalls").asLong()).isLessThanOrEqualTo(300);
        assertThat(GepaCandidate.read(reports.resolve("gepa-candidate.json")))
                .containsExactly(Map.entry("com.example.Codes", artifact.instructions()));
        String html = Files.readString(reports.resolve("optimize-report.html"));
        assertThat(html).contains("<svg", "Pareto frontier", "The winner&#39;s lineage".replace("&#39;", "'"),
                "reflection on com.example.Codes", sections.rules().get(0).replace("'", "'"))
                .doesNotContain("<script", "src=", "href=");
        assertThat(log).isNotEmpty().hasSizeLessThanOrEqualTo(10 + 10)
                .allSatisfy(line -> assertThat(line).startsWith("iteration "));
    }

    @Test
    void miproWritesTheChosenCombinationAndEveryTrial() throws Exception {
        List<String> log = new ArrayList<>();

        Optimization.Outcome outcome = Optimization.run(codesProject(), request(Optimization.Optimizer.MIPRO, 0),
                log::add);

        assertThat(outcome.best()).isGreaterThan(outcome.baseline());
        assertThat(log).hasSize(16).allSatisfy(line -> assertThat(line).startsWith("trial "));
        PromptArtifact artifact = PromptArtifact.read(prompts.resolve("com.example.Codes.json"));
        assertThat(artifact.provenance().get("optimizer").asText()).isEqualTo("MIPROv2");
        assertThat(artifact.provenance().get("chosen").get("com.example.Codes").has("instruction")).isTrue();
        String html = Files.readString(reports.resolve("optimize-report.html"));
        assertThat(html).contains("Every trial&#39;s score".replace("&#39;", "'"), "The chosen combination",
                "Instruction candidates", "<svg").doesNotContain("<script");
    }

    @Test
    void anUnknownOptimizerIsAClearError() {
        assertThatThrownBy(() -> Optimization.Optimizer.parse("mipro3"))
                .hasMessage("signet.optimizer must be randomSearch, mipro or gepa, not 'mipro3'.");
    }

    private Optimization.Request request(long maxCalls) {
        return new Optimization.Request(prompts, reports, Optimization.Optimizer.RANDOM_SEARCH, MiproV2.Auto.LIGHT, 2,
                4, 0, 5, 8, maxCalls, 0);
    }

    @Test
    void writesAnArtifactPerPredictorAReportAndResumesFromItsCheckpoint() throws Exception {
        List<String> log = new ArrayList<>();

        Optimization.Outcome outcome = Optimization.run(codesProject(), request(0), log::add);

        assertThat(log).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("candidate "));
        Path file = prompts.resolve("com.example.Codes.json");
        assertThat(outcome.written()).containsExactly(file);
        PromptArtifact artifact = PromptArtifact.read(file);
        assertThat(artifact.module()).isEqualTo("ChainOfThought");
        assertThat(artifact.provenance()).containsKeys("optimizer", "seed", "train", "dev", "scoreBefore",
                "scoreAfter", "callsUsed");
        assertThat(outcome.best()).isGreaterThan(outcome.baseline());
        assertThat(artifact.provenance().get("optimizer").asText()).isEqualTo("BootstrapFewShotWithRandomSearch");
        String html = Files.readString(reports.resolve("optimize-report.html"));
        assertThat(html).contains("<svg", "baseline", "com.example.Codes")
                .doesNotContain("<script", "src=", "href=", "<link");

        // The artifact ships: a new handle reading it gives the winner's prompt.
        Signet shipped = codesProject().signet().withArtifactsFrom(prompts);
        assertThat(TypedPredictor.create(shipped, CODES, o -> o, Module.chainOfThought()).promptState().demos())
                .hasSize(artifact.demos().size()).isNotEmpty();

        int before = server.requestCount();
        Optimization.run(codesProject(), request(0), line -> { });
        assertThat(server.requestCount() - before).as("the rerun only rebuilds the winner").isLessThan(before / 3);
    }

    @Test
    void aBudgetStopsTheRunBeforeItIsPassed() {
        assertThatThrownBy(() -> Optimization.run(codesProject(), request(10), line -> { }))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(server.requestCount()).isLessThanOrEqualTo(10);
    }
}
