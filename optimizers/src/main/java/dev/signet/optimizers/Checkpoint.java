package dev.signet.optimizers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Predictor;
import dev.signet.Signet;
import dev.signet.artifact.ArtifactException;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.PromptState;
import dev.signet.eval.Dataset;
import dev.signet.eval.Example;
import dev.signet.rules.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An optimizer's checkpoint: a JSON file written atomically after every step, and read back by a rerun of the same
 * search. It is the same search when the key is the same: the optimizer and its settings, the data (a hash of the
 * training and the development set), the program (each predictor's name, signature fingerprint, module and starting
 * prompt) and the model. A checkpoint with another key, or one that can't be read, is not used: the run starts
 * over, and says why in one line.
 */
final class Checkpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final ObjectNode key;
    private final Consumer<String> log;
    private final Consumer<ObjectNode> check;

    /**
     * @param file the checkpoint file, or null for none (then nothing is read or written)
     * @param settings the optimizer's name and settings, as text
     * @param log told why a checkpoint is not used, in one line
     * @param check checks the saved state's shape (types, counts, scores in [0, 1]), throwing
     *     {@link IllegalArgumentException} saying what is wrong: such a checkpoint is not used either
     */
    Checkpoint(Path file, String settings, Signet student, Map<String, Predictor> predictors, List<Example> train,
            List<Example> dev, Consumer<String> log, Consumer<ObjectNode> check) {
        this.file = file;
        this.log = log;
        this.check = check;
        this.key = MAPPER.createObjectNode();
        key.put("settings", settings);
        key.put("train", Dataset.fingerprint(train));
        key.put("dev", Dataset.fingerprint(dev));
        ObjectNode program = key.putObject("program");
        predictors.forEach((name, predictor) -> program.putObject(name)
                .put("signature", predictor.modelSignature().fingerprint())
                .put("module", predictor.moduleDescription())
                .put("adapter", predictor.adapter().name())
                .set("prompt", prompt(predictor, predictor.promptState())));
        key.put("model", student.languageModel().id() + "|" + student.options());
    }

    /** @return the saved state of the same search, or a new empty one */
    ObjectNode read() {
        if (file == null || !Files.exists(file)) {
            return fresh();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return restart("it can't be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!(root instanceof ObjectNode state) || !state.path("key").isObject()) {
            return restart("it is not a checkpoint of this version of Signet");
        }
        List<String> changed = new ArrayList<>();
        JsonNode saved = state.get("key");
        Map<String, String> what = new LinkedHashMap<>();
        what.put("settings", "the optimizer's settings");
        what.put("train", "the training set");
        what.put("dev", "the development set");
        what.put("program", "the program (its predictors, signatures or starting prompts)");
        what.put("model", "the model");
        what.forEach((part, words) -> {
            if (!key.path(part).equals(saved.path(part))) {
                changed.add(words);
            }
        });
        if (!changed.isEmpty()) {
            return restart(String.join(", ", changed) + " changed since it was written");
        }
        try {
            check.accept(state);
        } catch (IllegalArgumentException | ClassCastException e) {
            return restart("it is malformed (" + e.getMessage() + ")");
        }
        return state;
    }

    private ObjectNode restart(String why) {
        String line = "Not resuming from the checkpoint " + file + ": " + why + "; starting over.";
        LOG.warn(line);
        log.accept(line);
        return fresh();
    }

    private ObjectNode fresh() {
        ObjectNode state = MAPPER.createObjectNode();
        state.set("key", key.deepCopy());
        return state;
    }

    /** Throws saying where, unless the node is a score: a number in [0, 1]. */
    static double score(JsonNode node, String where) {
        if (node == null || !node.isNumber() || !(node.asDouble() >= 0 && node.asDouble() <= 1)) {
            throw new IllegalArgumentException(where + " is not a score between 0 and 1: " + node);
        }
        return node.asDouble();
    }

    /** Throws saying where, unless the node is a whole number, at least 0. */
    static long count(JsonNode node, String where) {
        if (node == null || !node.isIntegralNumber() || node.asLong() < 0) {
            throw new IllegalArgumentException(where + " is not a count: " + node);
        }
        return node.asLong();
    }

    /** Throws saying where, unless the node is text. */
    static String text(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(where + " is not text: " + node);
        }
        return node.asText();
    }

    /** Throws saying where, unless the node is of this JSON type ({@code isObject}, {@code isArray}, ...). */
    static JsonNode shape(JsonNode node, boolean ok, String where, String what) {
        if (node == null || !ok) {
            throw new IllegalArgumentException(where + " is not " + what + ": " + node);
        }
        return node;
    }

    /**
     * A prompt as a checkpoint holds it: the artifact it would ship as, so that a candidate read back is exactly
     * the one that was scored.
     */
    static JsonNode prompt(Predictor predictor, PromptState state) {
        try {
            return MAPPER.readTree(predictor.withPrompt(state).toArtifact(Map.of()).toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the artifact's own JSON always parses
        }
    }

    /** @return the prompt {@link #prompt(Predictor, PromptState)} saved, or null when it no longer fits the predictor */
    static PromptState prompt(Predictor predictor, JsonNode saved) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(saved);
            return PromptArtifact.read(new ByteArrayInputStream(json), "checkpoint").state(predictor.modelSignature());
        } catch (IOException | ArtifactException e) {
            return null;
        }
    }

    void write(ObjectNode state) {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }
}
