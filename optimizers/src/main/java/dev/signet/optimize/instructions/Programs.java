package dev.signet.optimize.instructions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.PredictorCall;
import dev.signet.PromptState;
import dev.signet.Signet;
import dev.signet.TraceRecorder;
import dev.signet.eval.Example;
import dev.signet.optimize.ProgramFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the optimizers need to know of a program, and how they show values to the proposer. */
final class Programs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Programs() {}

    /** Each predictor of the program, in call order, as one run on {@code example} shows it. */
    static Map<String, PredictorCall> predictors(Signet signet, ProgramFactory program, Example example) {
        TraceRecorder trace = new TraceRecorder();
        try {
            program.build(signet.withListener(trace)).run(example).join();
        } catch (RuntimeException e) {
            // the calls made before a failure still name their predictors
        }
        Map<String, PredictorCall> predictors = new LinkedHashMap<>();
        trace.calls().forEach(call -> predictors.putIfAbsent(call.predictorName(), call));
        if (predictors.isEmpty()) {
            throw new IllegalStateException("the program called no predictor on the first training example");
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
