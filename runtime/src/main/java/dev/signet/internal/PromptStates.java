package dev.signet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.Field;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demos as JSON and back, typed by the signature they are demos of: the one codec of prompt artifacts and
 * optimizer checkpoints. A field missing from a demo stays missing; a {@code null} value (Python's {@code None})
 * stays {@code null}; keys that are not fields are dropped. Not public API.
 */
public final class PromptStates {
    private PromptStates() {}

    /** A demo value that does not fit its field, at {@code demos[i].field.path}. */
    public static final class DemoMismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DemoMismatch(String message) {
            super(message);
        }
    }

    /** The demos as a JSON array of objects, fields in signature order. */
    public static ArrayNode demosToJson(List<Map<String, Object>> demos, SignatureDescription signature) {
        ArrayNode array = Json.NODES.arrayNode();
        for (Map<String, Object> demo : demos) {
            ObjectNode json = array.addObject();
            for (Field field : signature.fields()) {
                if (demo.containsKey(field.name())) {
                    Object value = demo.get(field.name());
                    json.set(field.name(), value == null ? Json.NODES.nullNode() : JsonCodec.toJson(value, field.type()));
                }
            }
        }
        return array;
    }

    /**
     * Typed demos from JSON objects.
     *
     * @throws DemoMismatch naming the demo and the field whose value does not fit
     */
    public static List<Map<String, Object>> demosFromJson(List<? extends JsonNode> demos,
            SignatureDescription signature) {
        List<Map<String, Object>> typed = new ArrayList<>(demos.size());
        for (int i = 0; i < demos.size(); i++) {
            JsonNode demo = demos.get(i);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Field field : signature.fields()) {
                if (!demo.has(field.name())) {
                    continue;
                }
                JsonNode value = demo.get(field.name());
                if (value.isNull()) {
                    values.put(field.name(), null);
                    continue;
                }
                try {
                    values.put(field.name(), JsonCodec.fromJson(value, field.type()));
                } catch (JsonCodec.MismatchException e) {
                    throw new DemoMismatch("demos[" + i + "]." + field.name() + e.path() + ": " + e.problem());
                }
            }
            typed.add(values);
        }
        return typed;
    }

    /** The JSON objects of an array, in order. */
    public static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /** A state as JSON: its instructions and demos. */
    public static ObjectNode toJson(PromptState state, SignatureDescription signature) {
        ObjectNode json = Json.NODES.objectNode();
        json.put("instructions", state.instructions());
        json.set("demos", demosToJson(state.demos(), signature));
        return json;
    }

    /** A state from JSON written by {@link #toJson}. @throws DemoMismatch if a demo does not fit */
    public static PromptState fromJson(JsonNode json, SignatureDescription signature) {
        String instructions = json.hasNonNull("instructions") ? json.get("instructions").asText() : null;
        return new PromptState(instructions, demosFromJson(elements(json.path("demos")), signature));
    }
}
