package dev.signet.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.Field;
import dev.signet.core.PromptState;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import dev.signet.internal.PromptStates;
import dev.signet.lm.Message;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A predictor's optimized prompt as a plain, versioned JSON file ({@code signet.prompt/v1}): what it was made
 * for (the signature as the model sees it, and its fingerprint), how it is used (the module, the adapter), what it
 * changes (instructions, demos), the rendered message template with {@code {{field}}} placeholders that any
 * language can fill, and where it came from. The format is specified in {@code docs/prompt-artifacts.md} and
 * {@code docs/prompt-artifact.schema.json}.
 *
 * <p>Artifacts are made by the predictor whose prompt they hold ({@code Predictor.toArtifact}), so the template is
 * rendered by the same adapter and module code that makes the calls: what was evaluated is what ships.
 */
public final class PromptArtifact {
    /** The format this version of Signet reads and writes. */
    public static final String FORMAT = "signet.prompt/v1";
    /** Where artifacts baked into a jar live: {@code META-INF/signet/prompts/<predictor>.json}. */
    public static final String CLASSPATH_DIRECTORY = "META-INF/signet/prompts/";


    private final String predictor;
    private final String module;
    private final SignatureRecord signature;
    private final String adapter;
    private final String instructions;
    private final ArrayNode demos;
    private final List<Message> template;
    private final ObjectNode provenance;
    private final String source;

    PromptArtifact(String predictor, String module, SignatureRecord signature, String adapter,
            String instructions, ArrayNode demos, List<Message> template, ObjectNode provenance, String source) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.module = Objects.requireNonNull(module, "module");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.instructions = Objects.requireNonNull(instructions, "instructions");
        this.demos = demos.deepCopy();
        this.template = List.copyOf(template);
        this.provenance = provenance.deepCopy();
        this.source = source;
    }

    /**
     * One field as recorded.
     *
     * @param name the field's name
     * @param type its DSPy type name
     * @param description its description
     * @param schema its JSON Schema, as the prompt shows it
     * @param constraints its constraints, in DSPy's words ({@code greater than or equal to: 1})
     */
    public record FieldRecord(String name, String type, String description, String schema, List<String> constraints) {
        public FieldRecord {
            constraints = List.copyOf(constraints);
        }

        static FieldRecord of(Field field) {
            return new FieldRecord(field.name(), field.type().pythonName(), field.description(), field.jsonSchema(),
                    field.constraints().stream().map(c -> c.text()).toList());
        }
    }

    /**
     * The signature an artifact was made for, as the model sees it (ChainOfThought's {@code reasoning} included).
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
     * An artifact for a prompt state of a signature. {@code Predictor.toArtifact} calls it with what the predictor
     * renders; there is no other way to make one.
     *
     * @param predictor the predictor's name
     * @param module the predictor's module, as {@code Module.describe()} names it ({@code ChainOfThought},
     *     {@code Refine(ChainOfThought)})
     * @param signature the signature the model sees
     * @param adapter the adapter's name
     * @param state the instructions (set) and demos
     * @param template the messages with {@code {{field}}} placeholders, as the predictor renders them
     * @param provenance how it was made, as plain JSON values (strings, numbers, booleans, lists, maps)
     */
    public static PromptArtifact of(String predictor, String module, SignatureDescription signature, String adapter,
            PromptState state, List<Message> template, Map<String, ?> provenance) {
        if (state.instructions() == null) {
            throw new IllegalArgumentException("an artifact records the instructions it uses; the state has none");
        }
        return new PromptArtifact(predictor, module, SignatureRecord.of(signature), adapter, state.instructions(),
                PromptStates.demosToJson(state.demos(), signature), template, plain(provenance), null);
    }

    private static ObjectNode plain(Map<String, ?> values) {
        JsonNode tree = Json.PLAIN.valueToTree(values);
        return tree instanceof ObjectNode object ? object : Json.NODES.objectNode();
    }

    /** @return the predictor's name */
    public String predictor() {
        return predictor;
    }

    /** @return the predictor's module, as {@code Module.describe()} names it */
    public String module() {
        return module;
    }

    /** @return the signature it was made for, as the model sees it */
    public SignatureRecord signature() {
        return signature;
    }

    /** @return the adapter that renders it ({@code ChatAdapter}, {@code JsonAdapter}) */
    public String adapter() {
        return adapter;
    }

    /** @return the instructions it uses */
    public String instructions() {
        return instructions;
    }

    /** @return its demos as plain JSON values (a field missing from a demo is missing from its map) */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> demos() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode demo : demos) {
            out.add(Collections.unmodifiableMap(Json.PLAIN.convertValue(demo, LinkedHashMap.class)));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the messages with {@code {{field}}} placeholders for the inputs */
    public List<Message> template() {
        return template;
    }

    /** @return how it was made, as plain JSON values: optimizer, settings, data, scores, model, calls, time */
    @SuppressWarnings("unchecked")
    public Map<String, Object> provenance() {
        return Collections.unmodifiableMap(Json.PLAIN.convertValue(provenance, LinkedHashMap.class));
    }

    /** @return the file or resource it was read from, for messages; empty for one made in memory */
    public String source() {
        return source == null ? "(made in memory)" : source;
    }

    /**
     * The prompt state this artifact gives a predictor that sees this signature, after checking that it was made
     * for it.
     *
     * @param current the signature the predictor's model sees
     * @throws ArtifactException naming the artifact's file, the predictor and every difference when the signature
     *     changed since it was made
     */
    public PromptState state(SignatureDescription current) {
        if (!signature.fingerprint().equals(current.fingerprint())) {
            throw new ArtifactException(describe() + " was made for a different signature: "
                    + String.join("; ", differences(current)) + ". " + staleAdvice());
        }
        try {
            return new PromptState(instructions, PromptStates.demosFromJson(PromptStates.elements(demos), current));
        } catch (PromptStates.DemoMismatch e) {
            throw new ArtifactException("The prompt artifact " + source() + ": " + e.getMessage() + ".", e);
        }
    }

    /** "The prompt artifact F for P", saying where it came from. */
    private String describe() {
        if (source == null) {
            return "The prompt artifact for " + predictor + " given to the handle";
        }
        if (source.startsWith(CLASSPATH_DIRECTORY)) {
            return "The prompt artifact " + source + " for " + predictor + " (baked into the class path)";
        }
        return "The prompt artifact " + source + " for " + predictor;
    }

    /** The whole fix for an artifact made for another signature. */
    private String staleAdvice() {
        if (source == null) {
            return "Make a new artifact for the current signature.";
        }
        if (source.startsWith(CLASSPATH_DIRECTORY)) {
            return "Re-optimize (mvn test-compile signet:optimize) and rebuild, or delete its source, src/main/signet/"
                    + predictor + ".json, and rebuild (signet:bake then removes the baked copy).";
        }
        return "Re-optimize to make a new one (mvn test-compile signet:optimize), or delete " + source
                + " (signet:bake then removes its baked copy from the build output).";
    }

    /** What changed between the recorded signature and the current one, in words. */
    public List<String> differences(SignatureDescription current) {
        List<String> differences = new ArrayList<>();
        if (!signature.instructions().equals(current.instructions())) {
            differences.add("its instructions changed");
        }
        compare("input", signature.inputs(), current.inputs().stream().map(FieldRecord::of).toList(), differences);
        compare("output", signature.outputs(), current.outputs().stream().map(FieldRecord::of).toList(), differences);
        if (differences.isEmpty() && !signature.fingerprint().equals(current.fingerprint())) {
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
        int found = differences.size();
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
            } else if (!field.constraints().equals(old.constraints())) {
                differences.add("the " + kind + " `" + old.name() + "` changed its constraints");
            }
        }
        for (FieldRecord field : now) {
            if (!before.containsKey(field.name())) {
                differences.add("the " + kind + " `" + field.name() + "` is new");
            }
        }
        if (differences.size() == found && !recorded.stream().map(FieldRecord::name).toList()
                .equals(now.stream().map(FieldRecord::name).toList())) {
            differences.add("the " + kind + "s are in another order");
        }
    }

    ArrayNode demosNode() {
        return demos.deepCopy();
    }

    ObjectNode provenanceNode() {
        return provenance.deepCopy();
    }

    /** @return the artifact as JSON text, keys in a fixed order, ending with a newline */
    public String toJson() {
        return ArtifactJson.write(this);
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

    /** Reads an artifact. @param source the file or resource, named in errors and by {@link #source()} */
    public static PromptArtifact read(InputStream in, String source) {
        return ArtifactJson.read(in, source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptArtifact other && toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "PromptArtifact[" + predictor + ", " + module + ", " + source() + "]";
    }
}
