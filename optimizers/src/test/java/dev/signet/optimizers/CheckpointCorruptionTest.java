package dev.signet.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.PromptState;
import dev.signet.optimize.OptimizationRun;
import dev.signet.optimize.OptimizerProvider;
import dev.signet.optimize.OptimizerSettings;
import dev.signet.testing.TaskSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that is truncated, garbage, or holds values of the wrong type or out of range is not used: the run
 * says why in one line and starts over, and its result is the result of a clean run. Nothing crashes, and a score
 * of 7.5 never wins.
 */
class CheckpointCorruptionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> SMALL = Map.of("candidates", "1", "maxMetricCalls", "120", "seed", "3",
            "maxBootstrappedDemos", "2", "maxLabeledDemos", "2");

    private final Simulated simulated = new Simulated(TaskSimulator.codes(3, 40));
    private final List<String> log = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void close() {
        simulated.close();
    }

    private OptimizationRun run(String id) {
        OptimizerProvider provider = ServiceLoader.load(OptimizerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        return provider.create(new OptimizerSettings(simulated.metric(), SMALL, work, null, log::add))
                .compile(simulated.signet, Simulated.program(), simulated.split.train(), simulated.split.dev());
    }

    /** Runs once, spoils the checkpoint, runs again: the second run must say why it starts over and end the same. */
    private void spoiled(String id, String file, Consumer<ObjectNode> spoil, String why) throws Exception {
        Map<String, PromptState> clean = run(id).prompts();
        Path checkpoint = work.resolve(file);
        ObjectNode state = (ObjectNode) MAPPER.readTree(checkpoint.toFile());
        spoil.accept(state);
        Files.writeString(checkpoint, MAPPER.writeValueAsString(state));
        log.clear();

        OptimizationRun again = run(id);

        assertThat(log).as(id).anySatisfy(line -> assertThat(line).startsWith("Not resuming from the checkpoint "
                + checkpoint + ": it is malformed (" + why));
        assertThat(again.prompts()).as(id + ": the result of a clean run").isEqualTo(clean);
        assertThat(again.bestScore()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aTruncatedOrGarbageCheckpointIsNotUsedAndTheRunSaysSo() throws Exception {
        Map<String, PromptState> clean = run("randomSearch").prompts();
        Path checkpoint = work.resolve("optimize-checkpoint.json");
        byte[] whole = Files.readAllBytes(checkpoint);
        for (byte[] spoilt : List.of(java.util.Arrays.copyOf(whole, whole.length / 2),
                "\u0000\u0017garbage".getBytes(StandardCharsets.ISO_8859_1), new byte[0])) {
            Files.write(checkpoint, spoilt);
            log.clear();

            assertThat(run("randomSearch").prompts()).isEqualTo(clean);
            assertThat(log).anySatisfy(line -> assertThat(line).startsWith("Not resuming from the checkpoint "
                    + checkpoint + ": it "));
        }
    }

    @Test
    void randomSearchScoresOfTheWrongTypeOrOutOfRangeAreNotUsed() throws Exception {
        spoiled("randomSearch", "optimize-checkpoint.json", s -> ((ObjectNode) s.get("scores")).put("0", "abc"),
                "scores.0 is not a score between 0 and 1");
        spoiled("randomSearch", "optimize-checkpoint.json", s -> ((ObjectNode) s.get("scores")).put("2", 7.5),
                "scores.2 is not a score between 0 and 1: 7.5");
        spoiled("randomSearch", "optimize-checkpoint.json", s -> s.putArray("scores").add(1),
                "scores is not an object");
    }

    @Test
    void miproTrialsOfTheWrongShapeAreNotUsed() throws Exception {
        spoiled("mipro", "optimize-checkpoint-mipro.json",
                s -> ((ObjectNode) s.get("trials").get(0)).put("score", "abc"), "trials[0].score is not a score");
        spoiled("mipro", "optimize-checkpoint-mipro.json",
                s -> ((ObjectNode) s.get("trials").get(1)).put("examples", -3), "trials[1].examples is not a count");
    }

    @Test
    void gepaCandidatesOfTheWrongShapeAreNotUsed() throws Exception {
        spoiled("gepa", "optimize-checkpoint-gepa.json",
                s -> ((ArrayNode) s.get("candidates").get(0).get("scores")).set(0, 7.5),
                "candidates[0].scores[] is not a score between 0 and 1: 7.5");
        spoiled("gepa", "optimize-checkpoint-gepa.json", s -> s.put("iteration", "three"),
                "iteration is not a count");
    }
}
