package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.PromptState;
import dev.signet.eval.Example;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.Optimizer;
import dev.signet.optimize.OptimizerProvider;
import dev.signet.optimize.OptimizerSettings;
import dev.signet.optimize.TunedPredictor;
import dev.signet.testing.TaskSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every optimizer promises, each found by its id as the Maven plugin finds it: it starts from the prompt the
 * program has now (here an artifact given to the handle), reports the predictor it tuned, and a checkpoint of a
 * search is reused only for the same data.
 */
class OptimizerContractTest {
    private static final Map<String, String> SMALL = Map.of("candidates", "1", "maxMetricCalls", "120",
            "maxBootstrappedDemos", "2", "maxLabeledDemos", "2", "k", "2", "seed", "3");
    private static final PromptState SHIPPED = new PromptState("Give the code of the item. Codes always start with "
            + "'code-'.", List.of(Map.of("question", "What is the code of item 99?", "answer", "code-ZZZ")));

    private final Simulated simulated = new Simulated(TaskSimulator.codes(3, 40));

    @TempDir
    Path work;

    @AfterEach
    void close() {
        simulated.close();
    }

    private static OptimizerProvider provider(String id) {
        Map<String, OptimizerProvider> byId = new TreeMap<>();
        ServiceLoader.load(OptimizerProvider.class).forEach(p -> byId.put(p.id(), p));
        assertThat(byId).containsOnlyKeys("labeledFewShot", "bootstrapFewShot", "randomSearch", "mipro", "gepa");
        return byId.get(id);
    }

    private Optimizer optimizer(String id, Path checkpoints, List<String> log) {
        return provider(id).create(new OptimizerSettings(simulated.metric(), SMALL, checkpoints, null, log::add));
    }

    /** The handle as a shipped build has it: the artifact of an earlier optimization. */
    private Signet shipped() {
        PromptArtifact artifact = Predictor.of(simulated.signet.withPrompt("com.example.Codes", SHIPPED),
                Simulated.CODES).toArtifact(Map.of("optimizer", "earlier"));
        return simulated.signet.withArtifact(artifact);
    }

    @ParameterizedTest
    @ValueSource(strings = {"labeledFewShot", "bootstrapFewShot", "randomSearch", "mipro", "gepa"})
    void startsFromTheShippedPromptAndReportsThePredictorItTuned(String id) {
        List<String> log = new ArrayList<>();
        OptimizationRun run = optimizer(id, work, log).compile(shipped(), Simulated.program(),
                simulated.split.train(), simulated.split.dev());

        assertThat(run.predictors()).hasSize(1);
        TunedPredictor tuned = run.predictors().get(0);
        assertThat(tuned.name()).isEqualTo("com.example.Codes");
        assertThat(tuned.baseline()).as("the baseline is the shipped prompt").isEqualTo(SHIPPED);
        assertThat(tuned.module()).isEqualTo("Predict");
        assertThat(tuned.adapter()).isEqualTo("ChatAdapter");
        if (!id.equals("mipro") && !id.equals("gepa")) {
            assertThat(tuned.state().instructions()).as("demo optimizers keep the instruction")
                    .isEqualTo(SHIPPED.instructions());
        }
        if (!Double.isNaN(run.baselineScore())) {
            assertThat(run.baselineScore()).as("the baseline's score is the shipped prompt's")
                    .isEqualTo(simulated.score(simulated.signet.withPrompt("com.example.Codes", SHIPPED),
                            simulated.split.dev()));
            assertThat(run.bestScore()).isGreaterThanOrEqualTo(run.baselineScore());
        }
        assertThat(tuned.toArtifact(run.provenance()).state(Simulated.CODES)).isEqualTo(tuned.state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"randomSearch", "mipro", "gepa"})
    void aCheckpointIsResumedForTheSameDataAndDiscardedSayingWhyWhenTheDevLabelsChange(String id) {
        List<String> log = new ArrayList<>();
        List<Example> train = simulated.split.train();
        List<Example> dev = simulated.split.dev();
        OptimizationRun first = optimizer(id, work, log).compile(simulated.signet, Simulated.program(), train, dev);

        int before = simulated.server.requestCount();
        OptimizationRun resumed = optimizer(id, work, log).compile(simulated.signet, Simulated.program(), train, dev);
        assertThat(simulated.server.requestCount() - before).as("a resumed search repeats nothing")
                .isLessThan(before / 4);
        assertThat(resumed.prompts()).isEqualTo(first.prompts());
        assertThat(log).noneMatch(line -> line.startsWith("Not resuming"));

        List<Example> relabeled = new ArrayList<>(dev);
        Example changed = relabeled.get(0);
        relabeled.set(0, new Example(changed.inputs(), Map.of("answer", "code-CHANGED")));
        before = simulated.server.requestCount();
        OptimizationRun fresh = optimizer(id, work, log).compile(simulated.signet, Simulated.program(), train,
                relabeled);
        assertThat(simulated.server.requestCount() - before).as("the search ran again").isGreaterThan(before / 4);
        assertThat(log).anyMatch(line -> line.startsWith("Not resuming from the checkpoint ")
                && line.endsWith(": the development set changed since it was written; starting over."));
        assertThat(fresh.provenance().get("dev")).isNotEqualTo(first.provenance().get("dev"));
    }
}
