package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.Module;
import dev.signet.Signet;
import dev.signet.TypedPredictor;
import dev.signet.batch.BatchModel;
import dev.signet.core.FieldType;
import dev.signet.core.SignatureDescription;
import dev.signet.eval.Dataset;
import dev.signet.eval.EvaluationResult;
import dev.signet.eval.Evaluator;
import dev.signet.eval.Example;
import dev.signet.eval.Metrics;
import dev.signet.openai.OpenAiLanguageModel;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.ProgramFactory;
import dev.signet.testing.LoopbackOpenAiServer;
import dev.signet.testing.TaskSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the task simulator, through the real SDK: demos make the simulated model right more often. */
class BootstrapFewShotTest {
    private static final SignatureDescription CODES = SignatureDescription.builder("com.example.Codes")
            .instructions("Give the code of the item.")
            .input("question", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();

    private final TaskSimulator task = TaskSimulator.codes(42, 120);
    private final LoopbackOpenAiServer server = LoopbackOpenAiServer.start().respondWith(task);
    private final OpenAiLanguageModel lm = OpenAiLanguageModel.builder()
            .apiKey("test").baseUrl(server.baseUrl()).model("simulated").build();
    private final Signet signet = Signet.builder().languageModel(lm).build();

    @AfterEach
    void close() {
        lm.close();
        server.close();
    }

    private List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        task.answers().forEach((q, a) -> examples.add(new Example(Map.of("question", q), Map.of("answer", a))));
        return examples;
    }

    private static ProgramFactory program() {
        return handle -> {
            TypedPredictor<String> codes = TypedPredictor.create(handle, CODES, o -> ((String) o.get("answer")),
                    Module.chainOfThought());
            return example -> codes.predictAsync(Map.of("question", example.input("question")));
        };
    }

    private double score(Signet handle, List<Example> dev) {
        EvaluationResult result = Evaluator.builder().concurrency(16).build()
                .evaluate(dev, program().build(handle), Metrics.exactMatch("answer"));
        return result.meanScore();
    }

    @Test
    void bootstrappedDemosRaiseTheDevScoreAndTheRunIsDeterministic() {
        Dataset.Split split = Dataset.split(examples(), 0.5, 7);
        double baseline = score(signet, split.dev());

        BootstrapFewShot optimizer = BootstrapFewShot.builder(Metrics.exactMatch("answer"))
                .maxBootstrappedDemos(4).maxLabeledDemos(0).seed(3).concurrency(8).build();
        OptimizationRun result = optimizer.compile(signet, program(), split.train(), List.of());
        double optimized = score(signet.withPrompts(result.prompts()), split.dev());

        assertThat(result.prompts()).containsOnlyKeys("com.example.Codes");
        assertThat(result.prompts().get("com.example.Codes").demos()).hasSize(4)
                .allSatisfy(demo -> assertThat(demo).containsKeys("question", "reasoning", "answer"));
        assertThat(((Map<?, ?>) result.provenance().get("bootstrap")).get("bootstrapped"))
                .isEqualTo(Map.of("com.example.Codes", 4));
        assertThat(baseline).isBetween(0.05, 0.4);
        assertThat(optimized - baseline).as("baseline %s, optimized %s", baseline, optimized).isGreaterThanOrEqualTo(0.15);
        assertThat(optimizer.compile(signet, program(), split.train(), List.of()).prompts())
                .as("the same seed gives the same demos").isEqualTo(result.prompts());
    }

    @Test
    void teacherRunsByTheBatchApiBootstrapTheDemosALiveRunFinds(@TempDir Path work) {
        Dataset.Split split = Dataset.split(examples(), 0.5, 7);
        BootstrapFewShot.Builder builder = BootstrapFewShot.builder(Metrics.exactMatch("answer"))
                .maxBootstrappedDemos(4).maxLabeledDemos(2).maxRounds(2).seed(5);
        OptimizationRun live = builder.build().compile(signet, twoStages(), split.train(), List.of());
        int liveRequests = server.requestCount();

        BatchModel batch = BatchModel.builder(lm).checkpoint(work.resolve("bootstrap.batch.json"))
                .pollInterval(Duration.ofMillis(5), Duration.ofMillis(5)).build();
        OptimizationRun batched = builder.batch(batch).build().compile(signet, twoStages(), split.train(), List.of());

        assertThat(batched.prompts()).isEqualTo(live.prompts());
        assertThat(batched.prompts().get("com.example.Answer").demos()).hasSize(6);
        assertThat(server.requestCount()).as("no live call").isEqualTo(liveRequests);
        // a round's two stages are two batches: the answers wait for the topics
        assertThat(server.batchesCreated()).isGreaterThanOrEqualTo(2);
    }

    private static final SignatureDescription TOPIC = SignatureDescription.builder("com.example.Topic")
            .instructions("Name the topic of the question.")
            .input("question", "", FieldType.STRING)
            .output("topic", "", FieldType.STRING)
            .build();
    private static final SignatureDescription ANSWER = SignatureDescription.builder("com.example.Answer")
            .instructions("Answer the question, given its topic.")
            .input("question", "", FieldType.STRING)
            .input("topic", "", FieldType.STRING)
            .output("answer", "", FieldType.STRING)
            .build();

    /** A two-predictor program: a topic first, then the answer given the topic. */
    private static ProgramFactory twoStages() {
        return handle -> {
            TypedPredictor<String> topic = TypedPredictor.create(handle, TOPIC, o -> ((String) o.get("topic")));
            TypedPredictor<String> answer = TypedPredictor.create(handle, ANSWER, o -> ((String) o.get("answer")));
            return example -> topic.callAsync(Map.of("question", example.input("question")))
                    .thenCompose(t -> answer.predictAsync(Map.of("question", example.input("question"), "topic", t)));
        };
    }

    @Test
    void aTwoPredictorProgramGetsDemosForBothAndScoresHigher() {
        Dataset.Split split = Dataset.split(examples(), 0.5, 7);
        Evaluator evaluator = Evaluator.builder().concurrency(16).build();
        double baseline = evaluator.evaluate(split.dev(), twoStages().build(signet), Metrics.exactMatch("answer"))
                .meanScore();

        OptimizationRun result = BootstrapFewShot.builder(Metrics.exactMatch("answer"))
                .maxBootstrappedDemos(4).maxLabeledDemos(0).seed(5).build()
                .compile(signet, twoStages(), split.train(), List.of());
        double optimized = evaluator.evaluate(split.dev(), twoStages().build(signet.withPrompts(result.prompts())),
                Metrics.exactMatch("answer")).meanScore();

        assertThat(result.prompts()).containsOnlyKeys("com.example.Topic", "com.example.Answer");
        assertThat(result.prompts().get("com.example.Answer").demos()).hasSize(4)
                .allSatisfy(demo -> assertThat(demo).containsKeys("question", "topic", "answer"));
        assertThat(optimized - baseline).as("baseline %s, optimized %s", baseline, optimized)
                .isGreaterThanOrEqualTo(0.15);
    }

    @Test
    void optimizeSaveLoadIntoANewHandleGivesIdenticalPrompts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Dataset.Split split = Dataset.split(examples(), 0.5, 7);
        OptimizationRun result = BootstrapFewShot.builder(Metrics.exactMatch("answer")).seed(2).build()
                .compile(signet, program(), split.train(), split.dev());
        Signet optimized = signet.withPrompts(result.prompts());
        TypedPredictor<String> tuned = TypedPredictor.create(optimized, CODES, o -> ((String) o.get("answer")),
                Module.chainOfThought());
        // the artifact is the tuned predictor's own, rendered by it
        assertThat(result.artifacts()).singleElement().satisfies(artifact -> {
            assertThat(artifact.template()).isEqualTo(tuned.template());
            artifact.write(dir.resolve("com.example.Codes.json"));
        });

        Signet fresh = Signet.builder().languageModel(lm).build().withArtifactsFrom(dir);
        TypedPredictor<String> shipped = TypedPredictor.create(fresh, CODES, o -> ((String) o.get("answer")),
                Module.chainOfThought());

        Map<String, Object> inputs = Map.of("question", "What is the code of item 3?");
        assertThat(shipped.preview(inputs)).isEqualTo(tuned.preview(inputs));
        assertThat(dev.signet.artifact.PromptArtifact.read(dir.resolve("com.example.Codes.json")).provenance())
                .containsKeys("optimizer", "seed", "train", "dev", "scoreBefore", "scoreAfter", "model", "createdAt");
    }

    @Test
    void labeledDemosFillUpFromTheRestOfTheTrainingSet() {
        List<Example> train = examples().subList(0, 20);
        OptimizationRun result = BootstrapFewShot.builder(Metrics.exactMatch("answer"))
                .maxBootstrappedDemos(1).maxLabeledDemos(3).seed(1).build()
                .compile(signet, program(), train, List.of());

        List<Map<String, Object>> demos = result.prompts().get("com.example.Codes").demos();
        assertThat(demos).hasSize(4);
        assertThat(demos.get(0)).containsKey("reasoning");
        assertThat(demos.subList(1, 4)).allSatisfy(demo -> assertThat(demo).containsOnlyKeys("question", "answer"));
    }
}
