package dev.signet.dspy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.Predictor;
import dev.signet.artifact.ArtifactException;
import dev.signet.artifact.PromptArtifact;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import dev.signet.internal.JsonCodec;
import dev.signet.internal.PythonValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Moves prompts between DSPy and Signet through DSPy's {@code program.save("x.json")} layout: per predictor,
 * its {@code signature.instructions} and {@code demos}. DSPy names predictors by attribute path
 * ({@code generate_answer}, {@code extract.predict}); a mapping names the Signet predictor each one becomes.
 *
 * <p>Fields are matched as DSPy matches them, by position: the saved {@code fields} list the inputs, then the
 * outputs (with ChainOfThought's {@code reasoning} first among them), so their number must match the Signet
 * signature's. Field prefixes and descriptions are not imported (Signet renders fields by name, with the
 * signature's descriptions). Demo values that are text for a typed field are parsed as the chat format parses
 * replies. The full mapping and its limits are in {@code docs/dspy-interop.md}.
 */
public final class DspyInterop {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String METADATA = "metadata";

    private DspyInterop() {}

    /**
     * Reads a DSPy program file into prompt states for Signet predictors.
     *
     * @param file the JSON that DSPy's {@code program.save} wrote
     * @param predictors the Signet predictor for each DSPy predictor name ({@code ""} for a lone Predict saved
     *     flat)
     * @return the prompt states by Signet predictor name, for {@code Signet.withPrompts}
     * @throws ArtifactException naming the file, the DSPy predictor and the problem
     */
    public static Map<String, PromptState> importProgram(Path file, Map<String, Predictor> predictors) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the DSPy program " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ArtifactException("The DSPy program " + file + " is not a JSON object.");
        }
        Map<String, PromptState> states = new LinkedHashMap<>();
        for (Map.Entry<String, Predictor> entry : predictors.entrySet()) {
            String dspyName = entry.getKey();
            JsonNode state = dspyName.isEmpty() ? root : root.get(dspyName);
            if (state == null || !state.isObject() || !state.has("signature")) {
                throw new ArtifactException("The DSPy program " + file + " has no predictor '" + dspyName
                        + "'; it has " + String.join(", ", predictorNames(root)) + ".");
            }
            Predictor predictor = entry.getValue();
            states.put(predictor.name(), state(file, dspyName, state, predictor.modelSignature()));
        }
        return states;
    }

    private static PromptState state(Path file, String dspyName, JsonNode state, SignatureDescription signature) {
        String where = "The DSPy program " + file + ", predictor '" + dspyName + "'";
        JsonNode fields = state.path("signature").path("fields");
        int expected = signature.inputs().size() + signature.outputs().size();
        if (fields.isArray() && fields.size() != expected) {
            throw new ArtifactException(where + ", has " + fields.size() + " fields, but " + signature.name() + " has "
                    + expected + " (" + String.join(", ", names(signature)) + "); DSPy matches fields by position, so "
                    + "the signatures must have the same fields in the same order.");
        }
        JsonNode instructions = state.path("signature").path("instructions");
        if (!instructions.isTextual()) {
            throw new ArtifactException(where + ", has no signature.instructions.");
        }
        List<Map<String, Object>> demos = new ArrayList<>();
        int index = 0;
        for (JsonNode demo : state.path("demos")) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Field field : allFields(signature)) {
                JsonNode value = demo.get(field.name());
                if (value == null || value.isNull()) {
                    continue;
                }
                try {
                    values.put(field.name(), value.isTextual() && field.type().kind() != FieldType.Kind.STRING
                            ? PythonValues.parse(value.textValue(), field.type())
                            : JsonCodec.fromJson(value, field.type()));
                } catch (IllegalArgumentException e) {
                    throw new ArtifactException(where + ", demos[" + index + "]." + field.name() + ": "
                            + e.getMessage(), e);
                }
            }
            demos.add(values);
            index++;
        }
        return new PromptState(instructions.textValue(), demos);
    }

    /**
     * Writes Signet predictors' prompts in DSPy's module layout, for {@code program.load} in DSPy.
     *
     * @param predictors the DSPy predictor name for each Signet predictor, in order
     * @return the JSON text
     */
    public static String exportProgram(Map<String, Predictor> predictors) {
        ObjectNode root = MAPPER.createObjectNode();
        for (Map.Entry<String, Predictor> entry : predictors.entrySet()) {
            Predictor predictor = entry.getValue();
            SignatureDescription signature = predictor.modelSignature();
            PromptState state = predictor.promptState();
            ObjectNode node = root.putObject(entry.getKey());
            node.putArray("traces");
            node.putArray("train");
            ArrayNode demos = node.putArray("demos");
            for (Map<String, Object> demo : state.demos()) {
                ObjectNode json = demos.addObject();
                for (Field field : allFields(signature)) {
                    Object value = demo.get(field.name());
                    if (value != null) {
                        json.set(field.name(), JsonCodec.toJson(value, field.type()));
                    }
                }
            }
            ObjectNode sig = node.putObject("signature");
            sig.put("instructions", state.instructions());
            ArrayNode fields = sig.putArray("fields");
            for (Field field : allFields(signature)) {
                fields.addObject()
                        .put("prefix", prefix(field.name()))
                        .put("description", field.description().isEmpty() ? "${" + field.name() + "}"
                                : field.description());
            }
            node.putNull("lm");
        }
        root.putObject(METADATA).putObject("dependency_versions").put("signet", "signet.prompt/v1");
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes prompt artifacts in DSPy's module layout, from the artifacts alone (no compiled signature needed):
     * each predictor under its name, with its instructions, demos and the recorded fields.
     *
     * @param artifacts the artifacts, by the DSPy predictor name to give each
     * @return the JSON text
     */
    public static String exportArtifacts(Map<String, PromptArtifact> artifacts) {
        ObjectNode root = MAPPER.createObjectNode();
        for (Map.Entry<String, PromptArtifact> entry : artifacts.entrySet()) {
            PromptArtifact artifact = entry.getValue();
            ObjectNode node = root.putObject(entry.getKey());
            node.putArray("traces");
            node.putArray("train");
            ArrayNode demos = node.putArray("demos");
            artifact.demos().forEach(demo -> demos.add(Json.PLAIN.valueToTree(demo)));
            ObjectNode sig = node.putObject("signature");
            sig.put("instructions", artifact.instructions());
            ArrayNode fields = sig.putArray("fields");
            List<PromptArtifact.FieldRecord> all = new ArrayList<>(artifact.signature().inputs());
            all.addAll(artifact.signature().outputs());
            for (PromptArtifact.FieldRecord field : all) {
                fields.addObject().put("prefix", prefix(field.name()))
                        .put("description", field.description().isEmpty() ? "${" + field.name() + "}"
                                : field.description());
            }
            node.putNull("lm");
        }
        root.putObject(METADATA).putObject("dependency_versions").put("signet", PromptArtifact.FORMAT);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DSPy's prefix for a field name: words title-cased, then a colon ({@code key_words} gives {@code Key Words:}). */
    static String prefix(String name) {
        List<String> words = new ArrayList<>();
        for (String word : name.split("_")) {
            if (!word.isEmpty()) {
                words.add(word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return String.join(" ", words) + ":";
    }

    private static List<Field> allFields(SignatureDescription signature) {
        List<Field> fields = new ArrayList<>(signature.inputs());
        fields.addAll(signature.outputs());
        return fields;
    }

    private static List<String> names(SignatureDescription signature) {
        return allFields(signature).stream().map(Field::name).toList();
    }

    private static List<String> predictorNames(JsonNode root) {
        List<String> names = new ArrayList<>();
        if (root.has("signature")) {
            names.add("'' (a lone predictor saved flat)");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals(METADATA) && root.get(name).has("signature")) {
                names.add("'" + name + "'");
            }
        });
        return names;
    }
}
