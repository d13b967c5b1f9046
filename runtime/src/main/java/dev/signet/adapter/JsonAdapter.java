package dev.signet.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.Outputs;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import dev.signet.internal.JsonCodec;
import dev.signet.internal.PythonValues;
import dev.signet.internal.StrictSchema;
import dev.signet.lm.LmRequest.ResponseFormat;
import dev.signet.lm.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Native structured outputs: the request carries the signature's outputs as a JSON Schema
 * ({@code response_format: json_schema}, strict where OpenAI's strict mode can express it), and the messages
 * are DSPy's JSONAdapter's, so that a model without structured outputs still knows what to write. The reply is
 * one JSON object with a property per output field. Stateless and thread-safe.
 */
public final class JsonAdapter implements Adapter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public PreparedPrompt prepare(SignatureDescription signature, PromptState state) {
        String instructions = state.instructions() != null ? state.instructions() : signature.instructions();
        List<Demos.Shown> demos = Demos.shown(state.demos(), signature);
        List<Message> fixed = new ArrayList<>();
        fixed.add(Message.system(systemMessage(signature, instructions)));
        for (Demos.Shown demo : demos) {
            fixed.add(Message.user(Demos.userTurn(demo.complete() ? "" : Demos.INCOMPLETE_PREFIX,
                    signature, demo.values(), "")));
            fixed.add(Message.assistant(outputsJson(signature, demo.values())));
        }
        List<Message> prefix = List.copyOf(fixed);
        String requirements = outputRequirements(signature);
        return inputs -> {
            List<Message> messages = new ArrayList<>(prefix);
            messages.add(Message.user(Demos.userTurn("", signature, inputs, requirements)));
            return messages;
        };
    }

    /** The system message: field description, the JSON structure, and the task. */
    static String systemMessage(SignatureDescription signature, String instructions) {
        List<String> structure = new ArrayList<>();
        structure.add("All interactions will be structured in the following way, with the appropriate values "
                + "filled in.");
        structure.add("Inputs will have the following structure:");
        List<String> inputBlocks = new ArrayList<>();
        for (Field input : signature.inputs()) {
            inputBlocks.add(ChatAdapter.header(input.name()) + "\n{" + input.name() + "}");
        }
        structure.add(String.join("\n\n", inputBlocks));
        structure.add("Outputs will be a JSON object with the following fields.");
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (Field output : signature.outputs()) {
            String note = PythonValues.typeNote(output.type());
            placeholders.put(output.name(), "{" + output.name() + "}" + (note.isEmpty() ? "" : ChatAdapter.INDENT + note));
        }
        ObjectNode structureJson = MAPPER.createObjectNode();
        placeholders.forEach(structureJson::put);
        structure.add(Json.dumpsIndented(structureJson));
        return ChatAdapter.fieldDescription(signature) + "\n" + String.join("\n\n", structure).strip() + "\n"
                + ChatAdapter.taskDescription(instructions);
    }

    @Override
    public ResponseFormat responseFormat(SignatureDescription signature) {
        StrictSchema.Result schema = StrictSchema.of(signature.outputs());
        @SuppressWarnings("unchecked")
        Map<String, Object> asMap = MAPPER.convertValue(schema.schema(), Map.class);
        return new ResponseFormat(schemaName(signature), asMap, schema.strict());
    }

    /** Reads the reply's JSON object as it streams: each property is reported done, parsed, when it ends. */
    @Override
    public PartialParser partialParser(SignatureDescription signature) {
        return new JsonPartialParser(signature);
    }

    @Override
    public Outputs parse(SignatureDescription signature, String completion) {
        JsonNode reply = replyObject(completion);
        if (reply == null) {
            throw new OutputParseException("The reply for " + signature.name() + " is not a JSON object: '"
                    + ChatAdapter.excerpt(completion) + "'", null, completion);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Field field : signature.outputs()) {
            JsonNode value = reply.get(field.name());
            boolean optional = field.type().kind() == FieldType.Kind.OPTIONAL;
            if ((value == null || value.isNull()) && !optional) {
                missing.add(field.name());
                continue;
            }
            values.put(field.name(), value(signature, field, value, completion));
        }
        if (!missing.isEmpty()) {
            throw new OutputParseException("The JSON reply for " + signature.name() + " has no value for "
                    + String.join(", ", missing) + "; expected the properties "
                    + String.join(", ", ChatAdapter.names(signature.outputs())), missing.get(0), completion);
        }
        return Outputs.of(values);
    }

    /**
     * One property's value parsed to its field's type: {@code null}, {@code ""}, {@code "None"} or {@code "null"}
     * is none for an optional field.
     *
     * @param value the property's value; {@code null} only for an optional field
     * @throws OutputParseException if it is empty where its type needs a value, or does not match the type
     */
    static Object value(SignatureDescription signature, Field field, JsonNode value, String completion) {
        boolean optional = field.type().kind() == FieldType.Kind.OPTIONAL;
        if (optional && value != null && value.isTextual() && PythonValues.isNone(value.textValue())) {
            value = null; // "", "None" or "null" for an optional: none, as the ChatAdapter reads it
        }
        boolean text = field.type().kind() == FieldType.Kind.STRING;
        if (value != null && value.isTextual() && value.textValue().isBlank() && !optional && !text) {
            throw new OutputParseException("Output field `" + field.name() + "` of " + signature.name()
                    + " is empty; expected " + field.type().pythonName(), field.name(), completion);
        }
        try {
            return optional && (value == null || value.isNull())
                    ? Optional.empty()
                    : JsonCodec.fromJson(value, field.type());
        } catch (JsonCodec.MismatchException e) {
            throw new OutputParseException("Output field `" + field.name() + "` of " + signature.name()
                    + " could not be parsed: at `" + field.name() + e.path() + "`: " + e.problem(),
                    field.name(), completion);
        }
    }

    /**
     * The reply as a JSON object, as DSPy's JSONAdapter reads it: the whole reply, else the first balanced
     * {@code {...}} in it that is one (a model that wrapped its object in prose); {@code null} when there is none.
     */
    private static JsonNode replyObject(String completion) {
        try {
            JsonNode whole = Json.readLenient(completion);
            if (whole.isObject()) {
                return whole;
            }
        } catch (IllegalArgumentException e) {
            // look inside
        }
        for (int start = completion.indexOf('{'); start >= 0; start = completion.indexOf('{', start + 1)) {
            int end = balancedEnd(completion, start);
            if (end < 0) {
                return null;
            }
            try {
                JsonNode inner = Json.readLenient(completion.substring(start, end + 1));
                if (inner.isObject()) {
                    return inner;
                }
            } catch (IllegalArgumentException e) {
                // try the next brace
            }
        }
        return null;
    }

    /** The index of the brace closing the one at {@code start}, skipping braces inside strings; -1 if none. */
    private static int balancedEnd(String text, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String outputRequirements(SignatureDescription signature) {
        List<String> parts = new ArrayList<>();
        for (Field field : signature.outputs()) {
            String typeInfo = field.type().kind() == FieldType.Kind.STRING
                    ? ""
                    : " (must be formatted as a valid Python " + field.type().pythonName() + ")";
            parts.add("`" + field.name() + "`" + typeInfo);
        }
        return "Respond with a JSON object in the following order of fields: " + String.join(", then ", parts) + ".";
    }

    /**
     * A demo's assistant turn: {@code json.dumps(outputs, indent=2, ensure_ascii=False)} of every output, None as
     * {@code null} and an absent one as the not-supplied sentence.
     */
    private static String outputsJson(SignatureDescription signature, Map<String, Object> demo) {
        ObjectNode object = MAPPER.createObjectNode();
        for (Field output : signature.outputs()) {
            if (!demo.containsKey(output.name())) {
                object.put(output.name(), Demos.NOT_SUPPLIED);
            } else {
                Object value = demo.get(output.name());
                object.set(output.name(), Demos.isNone(value) ? object.nullNode() : JsonCodec.toJson(value,
                        output.type()));
            }
        }
        return Json.dumpsIndented(object);
    }

    private static String schemaName(SignatureDescription signature) {
        String simple = signature.name().substring(signature.name().lastIndexOf('.') + 1);
        String name = simple.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "outputs" : name;
    }
}
