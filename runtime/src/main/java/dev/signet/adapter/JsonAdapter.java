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
        List<Map<String, Object>> demos = state.demos();
        List<Message> fixed = new ArrayList<>();
        fixed.add(Message.system(systemMessage(signature, instructions)));
        for (Map<String, Object> demo : demos) {
            if (ChatAdapter.hasAny(demo, signature.inputs()) && ChatAdapter.hasAny(demo, signature.outputs())) {
                fixed.add(Message.user(ChatAdapter.fieldBlocks(signature.inputs(), demo).strip()));
                fixed.add(Message.assistant(outputsJson(signature, demo)));
            }
        }
        List<Message> prefix = List.copyOf(fixed);
        String requirements = outputRequirements(signature);
        return inputs -> {
            List<Message> messages = new ArrayList<>(prefix);
            messages.add(Message.user((ChatAdapter.fieldBlocks(signature.inputs(), inputs) + "\n\n" + requirements)
                    .strip()));
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
        structure.add(indentedAsciiJson(placeholders));
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

    @Override
    public Outputs parse(SignatureDescription signature, String completion) {
        JsonNode reply;
        try {
            reply = Json.readLenient(completion);
        } catch (IllegalArgumentException e) {
            throw new OutputParseException("The reply for " + signature.name() + " is not a JSON object: '"
                    + ChatAdapter.excerpt(completion) + "'", null, completion);
        }
        if (!reply.isObject()) {
            throw new OutputParseException("The reply for " + signature.name() + " is JSON but not an object: '"
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
            if (value != null && value.isTextual() && value.textValue().isBlank() && !optional) {
                throw new OutputParseException("Output field `" + field.name() + "` of " + signature.name()
                        + " is empty; expected " + field.type().pythonName(), field.name(), completion);
            }
            try {
                values.put(field.name(), optional && (value == null || value.isNull())
                        ? Optional.empty()
                        : JsonCodec.fromJson(value, field.type()));
            } catch (JsonCodec.MismatchException e) {
                throw new OutputParseException("Output field `" + field.name() + "` of " + signature.name()
                        + " could not be parsed: at `" + field.name() + e.path() + "`: " + e.problem(),
                        field.name(), completion);
            }
        }
        if (!missing.isEmpty()) {
            throw new OutputParseException("The JSON reply for " + signature.name() + " has no value for "
                    + String.join(", ", missing) + "; expected the properties "
                    + String.join(", ", ChatAdapter.names(signature.outputs())), missing.get(0), completion);
        }
        return Outputs.of(values);
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

    private static String outputsJson(SignatureDescription signature, Map<String, Object> demo) {
        ObjectNode object = MAPPER.createObjectNode();
        for (Field output : signature.outputs()) {
            Object value = demo.get(output.name());
            if (value != null) {
                object.set(output.name(), JsonCodec.toJson(value, output.type()));
            }
        }
        return Json.dumps(object);
    }

    /** {@code json.dumps(d, indent=2)} of a flat object of strings (ASCII only, as Python's default). */
    private static String indentedAsciiJson(Map<String, String> values) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            out.append(first ? "\n  " : ",\n  ");
            first = false;
            out.append(asciiQuoted(entry.getKey())).append(": ").append(asciiQuoted(entry.getValue()));
        }
        return out.append(values.isEmpty() ? "}" : "\n}").toString();
    }

    private static String asciiQuoted(String text) {
        String quoted = Json.dumps(MAPPER.getNodeFactory().textNode(text));
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String schemaName(SignatureDescription signature) {
        String simple = signature.name().substring(signature.name().lastIndexOf('.') + 1);
        String name = simple.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "outputs" : name;
    }
}
