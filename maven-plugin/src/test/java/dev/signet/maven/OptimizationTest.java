package dev.signet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.FieldType;
import dev.signet.Predictor;
import dev.signet.SignatureDescription;
import dev.signet.Signet;
import dev.signet.Strategy;
import dev.signet.artifact.PromptArtifact;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.eval.Metric;
import dev.signet.eval.Metrics;
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

    /** A project as users write it, on the simulator. */
    private final class CodesProject implements SignetProject {
        private final Dataset.Split split;

        CodesProject() {
            List<Example> examples = new ArrayList<>();
            task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
            split = Dataset.split(examples, 0.5, 1);
        }

        @Override
        public Signet signet() {
            return Signet.builder().languageModel(OpenAiLanguageModel.builder().apiKey("k").baseUrl(server.baseUrl())
                    .model("simulated").build()).build();
        }

        @Override
        public ProgramFactory program() {
            return handle -> {
                Predictor<String> codes = Predictor.create(handle, CODES, o -> o.<String>value("answer"),
                        Strategy.chainOfThought());
                return example -> codes.predictAsync(Map.of("question", example.input("question")));
            };
        }

        @Override
        public Metric metric() {
            return Metrics.exactMatch("answer");
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

    private Optimization.Request request(long maxCalls) {
        return new Optimization.Request(prompts, reports, 2, 4, 0, 5, 8, maxCalls);
    }

    @Test
    void writesAnArtifactPerPredictorAReportAndResumesFromItsCheckpoint() throws Exception {
        List<String> log = new ArrayList<>();

        Optimization.Outcome outcome = Optimization.run(new CodesProject(), request(0), log::add);

        assertThat(log).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("candidate "));
        Path file = prompts.resolve("com.example.Codes.json");
        assertThat(outcome.written()).containsExactly(file);
        PromptArtifact artifact = PromptArtifact.read(file);
        assertThat(artifact.module()).isEqualTo("ChainOfThought");
        assertThat(artifact.provenance()).containsKeys("optimizer", "seed", "train", "dev", "scoreBefore",
                "scoreAfter", "callsUsed");
        assertThat(outcome.result().candidates().get(outcome.result().winner()).score())
                .isGreaterThan(outcome.result().candidates().get(0).score());
        String html = Files.readString(reports.resolve("optimize-report.html"));
        assertThat(html).contains("<svg", "baseline", "com.example.Codes")
                .doesNotContain("<script", "src=", "href=", "<link");

        // The artifact ships: a new handle reading it gives the winner's prompt.
        Signet shipped = new CodesProject().signet().withArtifactsFrom(prompts);
        assertThat(Predictor.create(shipped, CODES, o -> o, Strategy.chainOfThought()).promptState().demos())
                .hasSize(artifact.demos().size()).isNotEmpty();

        int before = server.requestCount();
        Optimization.run(new CodesProject(), request(0), line -> { });
        assertThat(server.requestCount() - before).as("the rerun only rebuilds the winner").isLessThan(before / 3);
    }

    @Test
    void aBudgetStopsTheRunBeforeItIsPassed() {
        assertThatThrownBy(() -> Optimization.run(new CodesProject(), request(10), line -> { }))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(server.requestCount()).isLessThanOrEqualTo(10);
    }
}
