package dev.signet.optimizers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Predictor;
import dev.signet.PredictorCall;
import dev.signet.PredictorListener;
import dev.signet.Signet;
import dev.signet.core.PromptState;
import dev.signet.eval.Example;
import dev.signet.optimize.ProgramFactory;
import dev.signet.optimize.TunedPredictor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the optimizers need to know of a program, and how they show values to the proposer. */
final class Programs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Programs() {}

    /**
     * The predictors a program makes when it is built on a handle, by name (a predictor renamed after it was made
     * replaces the first one): known without a single model call, with the prompt each has on that handle.
     */
    static Map<String, Predictor> created(Signet student, ProgramFactory program) {
        Map<String, Predictor> created = new LinkedHashMap<>();
        PredictorListener recorder = new PredictorListener() {
            @Override
            public synchronized void onCreate(Predictor predictor) {
                created.put(predictor.name(), predictor);
            }

            @Override
            public void onCall(PredictorCall call) {}
        };
        program.build(student.withListener(recorder));
        synchronized (recorder) {
            return new LinkedHashMap<>(created);
        }
    }

    /**
     * Each predictor the rollouts called, in the order of the examples, then of the calls (a program may call some
     * predictors only for some inputs).
     *
     * @throws IllegalStateException if no run called a predictor
     */
    static Map<String, Predictor> called(List<Rollouts.Rollout> rollouts) {
        Map<String, Predictor> predictors = new LinkedHashMap<>();
        rollouts.forEach(rollout -> rollout.calls().forEach(call -> predictors.putIfAbsent(call.predictorName(),
                call.predictor())));
        if (predictors.isEmpty()) {
            throw new IllegalStateException("the program called no predictor on " + rollouts.size() + " examples");
        }
        return predictors;
    }

    /** The predictors with the chosen prompts, each against the prompt it had. */
    static List<TunedPredictor> tuned(Map<String, Predictor> predictors, Map<String, PromptState> chosen) {
        List<TunedPredictor> tuned = new ArrayList<>();
        predictors.forEach((name, predictor) -> tuned.add(new TunedPredictor(
                predictor.withPrompt(chosen.getOrDefault(name, predictor.promptState())), predictor.promptState())));
        return tuned;
    }

    /** The prompt states the predictors have now, by name. */
    static Map<String, PromptState> current(Map<String, Predictor> predictors) {
        Map<String, PromptState> states = new LinkedHashMap<>();
        predictors.forEach((name, predictor) -> states.put(name, predictor.promptState()));
        return states;
    }

    /** An example as one demo: its inputs and labels. */
    static Map<String, Object> demo(Example example) {
        Map<String, Object> demo = new LinkedHashMap<>(example.inputs());
        demo.putAll(example.outputs());
        return demo;
    }

    /** One JSON object per line. */
    static String jsonLines(List<? extends Map<String, ?>> rows) {
        StringBuilder out = new StringBuilder();
        for (Map<String, ?> row : rows) {
            out.append(json(row)).append('\n');
        }
        return out.toString().strip();
    }

    static String json(Map<String, ?> row) {
        try {
            return MAPPER.writeValueAsString(tree(row));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value as JSON: strings, numbers, booleans, lists and maps as such; anything else by its text. */
    static JsonNode tree(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof JsonNode node) {
            return node;
        } else if (value instanceof String text) {
            return nodes.textNode(text);
        } else if (value instanceof Number || value instanceof Boolean) {
            return MAPPER.valueToTree(value);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
            return object;
        } else if (value instanceof Collection<?> items) {
            var array = nodes.arrayNode();
            items.forEach(item -> array.add(tree(item)));
            return array;
        }
        return nodes.textNode(String.valueOf(value));
    }
}
