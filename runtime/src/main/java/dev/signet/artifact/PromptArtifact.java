package dev.signet.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.FieldSpec;
import dev.signet.PromptState;
import dev.signet.SignatureDescription;
import dev.signet.internal.AtomicFiles;
import dev.signet.internal.JsonValues;
import dev.signet.lm.Message;
import dev.signet.lm.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A predictor's optimized prompt as a plain, versioned JSON file ({@code signet.prompt/v1}): what it was made
 * for (the signature and its fingerprint), what it changes (instructions, demos), the rendered message template
 * with {@code {{field}}} placeholders that any language can fill, and where it came from. The format is
 * specified in {@code docs/prompt-artifacts.md} and {@code docs/prompt-artifact.schema.json}.
 *
 * @param predictor the predictor's name
 * @param module the DSPy module of the predictor ({@code Predict}, {@code ChainOfThought}, ...)
 * @param signature the signature it was made for, as the model sees it (with {@code reasoning} under
 *     ChainOfThought)
 * @param adapter the adapter that renders it ({@code ChatAdapter})
 * @param instructions the instructions to use
 * @param demos the demos, field values as JSON
 * @param template the messages with {@code {{field}}} placeholders for the inputs
 * @param provenance how it was made: optimizer, settings, seed, data, scores, model, budget, time
 */
public record PromptArtifact(String predictor, String module, SignatureRecord signature, String adapter,
        String instructions,
        List<Map<String, JsonNode>> demos, List<Message> template, Map<String, JsonNode> provenance) {
    /** The format this version of Signet reads and writes. */
    public static final String FORMAT = "signet.prompt/v1";
    /** Where artifacts baked into a jar live: {@code META-INF/signet/prompts/<predictor>.json}. */
    public static final String CLASSPATH_DIRECTORY = "META-INF/signet/prompts/";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PromptArtifact {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(instructions, "instructions");
        List<Map<String, JsonNode>> copies = new ArrayList<>();
        demos.forEach(d -> copies.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(d))));
        demos = List.copyOf(copies);
        template = List.copyOf(template);
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * One field as recorded.
     *
     * @param name the field's name
     * @param type its DSPy type name
     * @param description its description
     * @param schema its JSON Schema
     */
    public record FieldRecord(String name, String type, String description, String schema) {
        static FieldRecord of(FieldSpec field) {
            return new FieldRecord(field.name(), field.type().pythonName(), field.description(), field.jsonSchema());
        }
    }

    /**
     * The signature an artifact was made for.
     *
     * @param name the signature's name
     * @param instructions its own instructions
     * @param inputs its input fields, in order
     * @param outputs its output fields, in order
     * @param fingerprint {@link SignatureDescription#fingerprint()} at the time
     */
    public record SignatureRecord(String name, String instructions, List<FieldRecord> inputs, List<FieldRecord> outputs,
            String fingerprint) {
        public SignatureRecord {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        static SignatureRecord of(SignatureDescription signature) {
            return new SignatureRecord(signature.name(), signature.instructions(),
                    signature.inputs().stream().map(FieldRecord::of).toList(),
                    signature.outputs().stream().map(FieldRecord::of).toList(), signature.fingerprint());
        }
    }

    /**
     * An artifact for a prompt state of a signature.
     *
     * @param predictor the predictor's name
     * @param module the DSPy module of the predictor
     * @param signature the signature the model sees (with {@code reasoning} under ChainOfThought)
     * @param state the instructions and demos
     * @param template the messages with {@code {{field}}} placeholders ({@code Predictor.template()})
     * @param provenance how it was made
     */
    public static PromptArtifact of(String predictor, String module, SignatureDescription signature,
            PromptState state, List<Message> template, Map<String, JsonNode> provenance) {
        List<Map<String, JsonNode>> demos = new ArrayList<>();
        for (Map<String, Object> demo : state.demos()) {
            Map<String, JsonNode> json = new LinkedHashMap<>();
            for (FieldSpec field : fields(signature)) {
                if (demo.get(field.name()) != null) {
                    json.put(field.name(), JsonValues.toJson(demo.get(field.name()), field.type()));
                }
            }
            demos.add(json);
        }
        return new PromptArtifact(predictor, module, SignatureRecord.of(signature), "ChatAdapter", state.instructions(),
                demos, template, provenance);
    }

    /**
     * The prompt state this artifact gives a predictor with this signature, after checking that it was made
     * for it.
     *
     * @throws ArtifactException naming every difference when the signature changed since
     */
    public PromptState state(SignatureDescription current, String source) {
        if (!signature.fingerprint().equals(current.fingerprint())) {
            throw new ArtifactException("The prompt artifact " + source + " for " + predictor + " was made for a "
                    + "different signature: " + String.join("; ", differences(current)) + ". Re-optimize to make a "
                    + "new artifact, or delete the stale one.");
        }
        List<Map<String, Object>> typed = new ArrayList<>();
        for (int i = 0; i < demos.size(); i++) {
            Map<String, Object> demo = new LinkedHashMap<>();
            for (FieldSpec field : fields(current)) {
                JsonNode value = demos.get(i).get(field.name());
                if (value != null && !value.isNull()) {
                    try {
                        demo.put(field.name(), JsonValues.fromJson(value, field.type()));
                    } catch (JsonValues.MismatchException e) {
                        throw new ArtifactException("The prompt artifact " + source + ": demos[" + i + "]." + field.name()
                                + e.path() + ": " + e.problem());
                    }
                }
            }
            typed.add(demo);
        }
        return new PromptState(instructions, typed);
    }

    /** What changed between the recorded signature and the current one, in words. */
    List<String> differences(SignatureDescription current) {
        List<String> differences = new ArrayList<>();
        if (!signature.instructions().equals(current.instructions())) {
            differences.add("its instructions changed");
        }
        compare("input", signature.inputs(), current.inputs().stream().map(FieldRecord::of).toList(), differences);
        compare("output", signature.outputs(), current.outputs().stream().map(FieldRecord::of).toList(), differences);
        if (differences.isEmpty()) {
            differences.add("its fingerprint differs (" + signature.fingerprint() + " recorded, "
                    + current.fingerprint() + " now)");
        }
        return differences;
    }

    private static void compare(String kind, List<FieldRecord> recorded, List<FieldRecord> now,
            List<String> differences) {
        Map<String, FieldRecord> before = new LinkedHashMap<>();
        recorded.forEach(f -> before.put(f.name(), f));
        Map<String, FieldRecord> after = new LinkedHashMap<>();
        now.forEach(f -> after.put(f.name(), f));
        for (FieldRecord old : recorded) {
            FieldRecord field = after.get(old.name());
            if (field == null) {
                differences.add("the " + kind + " `" + old.name() + "` is gone");
            } else if (!field.type().equals(old.type())) {
                differences.add("the " + kind + " `" + old.name() + "` changed type from " + old.type() + " to "
                        + field.type());
            } else if (!field.schema().equals(old.schema())) {
                differences.add("the " + kind + " `" + old.name() + "` changed its JSON Schema");
            } else if (!field.description().equals(old.description())) {
                differences.add("the " + kind + " `" + old.name() + "` changed its description");
            }
        }
        for (FieldRecord field : now) {
            if (!before.containsKey(field.name())) {
                differences.add("the " + kind + " `" + field.name() + "` is new");
            }
        }
        if (differences.isEmpty() && !recorded.stream().map(FieldRecord::name).toList()
                .equals(now.stream().map(FieldRecord::name).toList())) {
            differences.add("the " + kind + "s are in another order");
        }
    }

    private static List<FieldSpec> fields(SignatureDescription signature) {
        List<FieldSpec> fields = new ArrayList<>(signature.inputs());
        fields.addAll(signature.outputs());
        return fields;
    }

    // ---------------------------------------------------------------- JSON

    /** @return the artifact as JSON text, keys in a fixed order, ending with a newline */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("predictor", predictor);
        root.put("module", module);
        ObjectNode sig = root.putObject("signature");
        sig.put("name", signature.name());
        sig.put("instructions", signature.instructions());
        sig.set("inputs", fieldsJson(signature.inputs()));
        sig.set("outputs", fieldsJson(signature.outputs()));
        sig.put("fingerprint", signature.fingerprint());
        root.put("adapter", adapter);
        root.put("instructions", instructions);
        ArrayNode demoArray = root.putArray("demos");
        demos.forEach(d -> {
            ObjectNode demo = demoArray.addObject();
            d.forEach(demo::set);
        });
        ArrayNode messages = root.putArray("template");
        template.forEach(m -> messages.addObject().put("role", m.role().wireName()).put("content", m.content()));
        ObjectNode prov = root.putObject("provenance");
        provenance.forEach(prov::set);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode fieldsJson(List<FieldRecord> fields) {
        ArrayNode array = MAPPER.createArrayNode();
        for (FieldRecord field : fields) {
            ObjectNode node = array.addObject();
            node.put("name", field.name());
            node.put("type", field.type());
            node.put("description", field.description());
            try {
                node.set("schema", MAPPER.readTree(field.schema()));
            } catch (IOException e) {
                throw new IllegalStateException("invalid schema of " + field.name(), e);
            }
        }
        return array;
    }

    /** Writes the artifact atomically: a reader sees the old file or the new one. */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, toJson());
        } catch (IOException e) {
            throw new ArtifactException("Cannot write the prompt artifact " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an artifact file. @throws ArtifactException naming the file and the problem */
    public static PromptArtifact read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the prompt artifact " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an artifact. @param source the file or resource, named in errors */
    public static PromptArtifact read(InputStream in, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new ArtifactException("The prompt artifact " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) {
            throw new ArtifactException("The prompt artifact " + source + " is not a JSON object.");
        }
        String format = r.text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new ArtifactException("The prompt artifact " + source + " has the format '" + format + "', but this "
                    + "version of Signet reads " + FORMAT + ". Re-optimize with this version, or upgrade Signet.");
        }
        JsonNode sig = r.object(root, "signature");
        SignatureRecord signature = new SignatureRecord(r.text(sig, "name"), r.text(sig, "instructions"),
                r.fields(sig, "inputs"), r.fields(sig, "outputs"), r.text(sig, "fingerprint"));
        List<Map<String, JsonNode>> demos = new ArrayList<>();
        for (JsonNode demo : r.array(root, "demos")) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            demo.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
            demos.add(values);
        }
        List<Message> template = new ArrayList<>();
        for (JsonNode message : r.array(root, "template")) {
            template.add(new Message(r.role(message), r.text(message, "content")));
        }
        Map<String, JsonNode> provenance = new LinkedHashMap<>();
        if (root.has("provenance")) {
            r.object(root, "provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(), e.getValue()));
        }
        return new PromptArtifact(r.text(root, "predictor"), r.text(root, "module"), signature, r.text(root, "adapter"),
                r.text(root, "instructions"), demos, template, provenance);
    }

    /** Reads required properties, naming the missing or mistyped one. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        String text(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isTextual()) {
                throw new ArtifactException("The prompt artifact " + source + " has no text property '" + key + "'.");
            }
            return value.textValue();
        }

        JsonNode object(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isObject()) {
                throw new ArtifactException("The prompt artifact " + source + " has no object property '" + key + "'.");
            }
            return value;
        }

        JsonNode array(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isArray()) {
                throw new ArtifactException("The prompt artifact " + source + " has no array property '" + key + "'.");
            }
            return value;
        }

        List<FieldRecord> fields(JsonNode signature, String key) {
            List<FieldRecord> fields = new ArrayList<>();
            for (JsonNode field : array(signature, key)) {
                JsonNode schema = field.get("schema");
                fields.add(new FieldRecord(text(field, "name"), text(field, "type"), text(field, "description"),
                        schema == null ? "" : JsonValues.dumps(schema)));
            }
            return fields;
        }

        Role role(JsonNode message) {
            String role = text(message, "role");
            for (Role candidate : Role.values()) {
                if (candidate.wireName().equals(role)) {
                    return candidate;
                }
            }
            throw new ArtifactException("The prompt artifact " + source + " has a message with the unknown role '"
                    + role + "'.");
        }
    }
}
