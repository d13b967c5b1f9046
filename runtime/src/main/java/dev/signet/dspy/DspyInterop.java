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
import dev.signet.rules.PythonText;
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
    /** The DSPy release whose layout the exports follow, recorded as DSPy records its own version. */
    static final String DSPY_VERSION = "3.3.1";

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
                if (value == null) {
                    continue; // a field the demo does not supply
                }
                if (value.isNull()) {
                    values.put(field.name(), null); // one it supplies as None
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
     * @param predictors the DSPy predictor name for each Signet predictor, in order ({@code ""} for a lone
     *     Predict, which DSPy saves flat)
     * @return the JSON text
     */
    public static String exportProgram(Map<String, Predictor> predictors) {
        Map<String, ObjectNode> states = new LinkedHashMap<>();
        for (Map.Entry<String, Predictor> entry : predictors.entrySet()) {
            Predictor predictor = entry.getValue();
            SignatureDescription signature = predictor.modelSignature();
            PromptState state = predictor.promptState();
            ArrayNode demos = MAPPER.createArrayNode();
            for (Map<String, Object> demo : state.demos()) {
                ObjectNode json = demos.addObject();
                for (Field field : allFields(signature)) {
                    if (demo.containsKey(field.name())) {
                        Object value = demo.get(field.name());
                        json.set(field.name(), value == null ? json.nullNode() : JsonCodec.toJson(value, field.type()));
                    }
                }
            }
            List<String[]> fields = new ArrayList<>();
            allFields(signature).forEach(f -> fields.add(new String[] {f.name(), f.description()}));
            String instructions = state.instructions() != null ? state.instructions() : signature.instructions();
            states.put(entry.getKey(), predictorState(instructions, demos, fields));
        }
        return program(states);
    }

    /**
     * Writes prompt artifacts in DSPy's module layout, from the artifacts alone (no compiled signature needed):
     * each predictor under its name, with its instructions, demos and the recorded fields.
     *
     * @param artifacts the artifacts, by the DSPy predictor name to give each ({@code ""}: a lone Predict, flat)
     * @return the JSON text
     */
    public static String exportArtifacts(Map<String, PromptArtifact> artifacts) {
        Map<String, ObjectNode> states = new LinkedHashMap<>();
        for (Map.Entry<String, PromptArtifact> entry : artifacts.entrySet()) {
            PromptArtifact artifact = entry.getValue();
            ArrayNode demos = MAPPER.createArrayNode();
            artifact.demos().forEach(demo -> demos.add(Json.PLAIN.valueToTree(demo)));
            List<String[]> fields = new ArrayList<>();
            List<PromptArtifact.FieldRecord> all = new ArrayList<>(artifact.signature().inputs());
            all.addAll(artifact.signature().outputs());
            all.forEach(f -> fields.add(new String[] {f.name(), f.description()}));
            states.put(entry.getKey(), predictorState(artifact.instructions(), demos, fields));
        }
        return program(states);
    }

    /**
     * One predictor's state as {@code Predict.dump_state} writes it: instructions cleaned as DSPy cleans them,
     * each field's inferred prefix and its description ({@code ${name}} for none), no LM.
     *
     * @param fields each field's name and description, inputs then outputs
     */
    private static ObjectNode predictorState(String instructions, ArrayNode demos, List<String[]> fields) {
        ObjectNode node = MAPPER.createObjectNode();
        node.putArray("traces");
        node.putArray("train");
        node.set("demos", demos);
        ObjectNode sig = node.putObject("signature");
        sig.put("instructions", PythonText.cleandoc(instructions));
        ArrayNode list = sig.putArray("fields");
        for (String[] field : fields) {
            list.addObject().put("prefix", prefix(field[0]))
                    .put("description", field[1].isEmpty() ? "${" + field[0] + "}" : field[1]);
        }
        node.putNull("lm");
        return node;
    }

    /**
     * The file {@code program.save} writes: each predictor's state under its name (a lone Predict's flat, for the
     * name {@code ""}), then {@code metadata}, whose {@code dependency_versions} DSPy's {@code program.load} checks
     * key by key against its own ({@code python}, {@code dspy}, {@code cloudpickle}: any other key is a
     * {@code KeyError}); Signet's own note goes beside it, which DSPy ignores.
     */
    private static String program(Map<String, ObjectNode> states) {
        ObjectNode root = MAPPER.createObjectNode();
        states.forEach((name, state) -> {
            if (name.isEmpty()) {
                root.setAll(state);
            } else {
                root.set(name, state);
            }
        });
        ObjectNode metadata = root.putObject(METADATA);
        metadata.putObject("dependency_versions").put("dspy", DSPY_VERSION);
        metadata.putObject("signet").put("format", PromptArtifact.FORMAT);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * DSPy's prefix for a field name ({@code infer_prefix}, then a colon): camelCase and digits split into words,
     * words capitalized, acronyms kept: {@code key_words} gives {@code Key Words:}, {@code rawHTMLText}
     * {@code Raw HTML Text:}, {@code line2} {@code Line 2:}.
     */
    static String prefix(String name) {
        String s1 = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        String s2 = s1.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        String s3 = s2.replaceAll("([a-zA-Z])(\\d)", "$1_$2");
        String s4 = s3.replaceAll("(\\d)([a-zA-Z])", "$1_$2");
        List<String> words = new ArrayList<>();
        for (String word : s4.split("_", -1)) {
            words.add(isUpper(word) ? word : capitalize(word));
        }
        return String.join(" ", words) + ":";
    }

    /** Python's {@code str.isupper()}: at least one cased character, and no lowercase one. */
    private static boolean isUpper(String word) {
        boolean cased = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
        }
        return cased;
    }

    /** Python's {@code str.capitalize()}: the first character upper-cased, the rest lower-cased. */
    private static String capitalize(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT)
                + word.substring(1).toLowerCase(Locale.ROOT);
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
