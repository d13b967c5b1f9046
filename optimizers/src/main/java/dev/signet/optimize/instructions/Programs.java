package dev.signet.optimize.instructions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.PredictorCall;
import dev.signet.PromptState;
import dev.signet.Signet;
import dev.signet.eval.Example;
import dev.signet.eval.Score;
import dev.signet.optimize.ProgramFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the optimizers need to know of a program, and how they show values to the proposer. */
final class Programs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Programs() {}

    /**
     * Each predictor of the program, as runs on these examples show them: in the order of the examples, then of
     * the calls (a program may call some predictors only for some inputs). Runs that fail still name the
     * predictors they reached. The runs are not scored.
     *
     * @throws IllegalStateException if no run called a predictor
     */
    static Map<String, PredictorCall> predictors(Signet signet, ProgramFactory program, List<Example> examples,
            int concurrency) {
        return predictors(Rollouts.run(signet, program, examples, (example, prediction) -> Score.of(0), concurrency));
    }

    /** Each predictor the rollouts called, in the order of the examples, then of the calls. */
    static Map<String, PredictorCall> predictors(List<Rollouts.Rollout> rollouts) {
        Map<String, PredictorCall> predictors = new LinkedHashMap<>();
        rollouts.forEach(rollout -> rollout.calls().forEach(call -> predictors.putIfAbsent(call.predictorName(), call)));
        if (predictors.isEmpty()) {
            throw new IllegalStateException("the program called no predictor on " + rollouts.size() + " examples");
        }
        return predictors;
    }

    /** The prompt state a predictor starts from: the handle's, with the signature's instructions if it has none. */
    static PromptState current(Signet signet, PredictorCall call) {
        PromptState state = signet.promptFor(call.predictorName(), call.signature())
                .orElse(PromptState.of(call.signature()));
        return state.instructions() != null ? state
                : new PromptState(call.signature().instructions(), state.demos());
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
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
