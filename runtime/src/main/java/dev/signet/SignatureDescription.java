package dev.signet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything about a signature that shapes its prompt: its name, instructions and ordered fields. Every
 * generated predictor holds one as the constant {@code SIGNATURE}; hand-built ones work the same way.
 *
 * <pre>{@code
 * SignatureDescription qa = SignatureDescription.builder("com.example.QA")
 *         .instructions("Answer questions with short factoid answers.")
 *         .input("question", "a trivia question", FieldType.STRING)
 *         .output("answer", "often between 1 and 5 words", FieldType.STRING)
 *         .build();
 * }</pre>
 *
 * @param name the signature's name, by convention the interface's qualified name
 * @param instructions the task instructions
 * @param inputs the input fields, in order; at least one
 * @param outputs the output fields, in order; at least one
 */
public record SignatureDescription(String name, String instructions, List<FieldSpec> inputs,
        List<FieldSpec> outputs) {
    /** The marker that ends a ChatAdapter reply; no field may take its name. */
    public static final String COMPLETED_MARKER = "completed";

    public SignatureDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instructions, "instructions");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("signature " + name + " needs at least one input field");
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("signature " + name + " needs at least one output field");
        }
        Set<String> seen = new HashSet<>();
        for (FieldSpec field : concat(inputs, outputs)) {
            if (!seen.add(field.name())) {
                throw new IllegalArgumentException("signature " + name + " has two fields named " + field.name());
            }
            if (field.name().equals(COMPLETED_MARKER)) {
                throw new IllegalArgumentException("signature " + name + ": the field name '" + COMPLETED_MARKER
                        + "' is reserved for the end-of-reply marker");
            }
        }
    }

    /**
     * A stable hash of exactly what shapes the prompt: the instructions and, in order, every field's name,
     * type, description and JSON Schema. Prompt artifacts record it; a different fingerprint means the
     * signature changed since the artifact was made.
     *
     * @return {@code sha256:} and 64 hex digits
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        canonical.append("instructions:").append(instructions.length()).append(':').append(instructions).append('\n');
        for (FieldSpec field : inputs) {
            canonical.append("input:").append(canonical(field)).append('\n');
        }
        for (FieldSpec field : outputs) {
            canonical.append("output:").append(canonical(field)).append('\n');
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String canonical(FieldSpec field) {
        String[] parts = {field.name(), field.type().pythonName(), field.description(), field.jsonSchema()};
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(part.length()).append(':').append(part).append(';');
        }
        return out.toString();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static List<FieldSpec> concat(List<FieldSpec> a, List<FieldSpec> b) {
        List<FieldSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Builds a {@link SignatureDescription}; fields keep the order in which they are added. */
    public static final class Builder {
        private final String name;
        private String instructions;
        private final List<FieldSpec> inputs = new ArrayList<>();
        private final List<FieldSpec> outputs = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder instructions(String instructions) {
            this.instructions = Objects.requireNonNull(instructions, "instructions");
            return this;
        }

        public Builder input(String name, String description, FieldType type) {
            inputs.add(new FieldSpec(name, description, type));
            return this;
        }

        /** An input field with the JSON Schema the processor computed for its type. */
        public Builder input(String name, String description, FieldType type, String jsonSchema) {
            inputs.add(new FieldSpec(name, description, type, jsonSchema));
            return this;
        }

        public Builder output(String name, String description, FieldType type) {
            outputs.add(new FieldSpec(name, description, type));
            return this;
        }

        /** An output field with the JSON Schema the processor computed for its type. */
        public Builder output(String name, String description, FieldType type, String jsonSchema) {
            outputs.add(new FieldSpec(name, description, type, jsonSchema));
            return this;
        }

        /**
         * Builds the description. Without instructions, uses DSPy's default sentence
         * ({@code Given the fields `question`, produce the fields `answer`.}).
         */
        public SignatureDescription build() {
            String text = instructions != null ? instructions : defaultInstructions(inputs, outputs);
            return new SignatureDescription(name, text, inputs, outputs);
        }

        private static String defaultInstructions(List<FieldSpec> inputs, List<FieldSpec> outputs) {
            return "Given the fields " + backticked(inputs) + ", produce the fields " + backticked(outputs) + ".";
        }

        private static String backticked(List<FieldSpec> fields) {
            List<String> names = new ArrayList<>();
            for (FieldSpec field : fields) {
                names.add("`" + field.name() + "`");
            }
            return String.join(", ", names);
        }
    }
}
