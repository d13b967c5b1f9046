package dev.signet.core;

import dev.signet.rules.Constraint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
public record SignatureDescription(String name, String instructions, List<Field> inputs, List<Field> outputs) {
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
        for (Field field : concat(inputs, outputs)) {
            if (!seen.add(field.name())) {
                throw new IllegalArgumentException("signature " + name + " has two fields named " + field.name());
            }
        }
    }

    /** @return the input field of this name, if there is one */
    public Optional<Field> input(String fieldName) {
        return inputs.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** @return the output field of this name, if there is one */
    public Optional<Field> output(String fieldName) {
        return outputs.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** @return the inputs, then the outputs */
    public List<Field> fields() {
        return concat(inputs, outputs);
    }

    /** @return this signature with other instructions */
    public SignatureDescription withInstructions(String instructions) {
        return new SignatureDescription(name, instructions, inputs, outputs);
    }

    /**
     * A stable hash of exactly what shapes the prompt: the instructions and, in order, every field's name,
     * type, description, JSON Schema and constraints. Prompt artifacts record it; a different fingerprint means
     * the signature changed since the artifact was made.
     *
     * @return {@code sha256:} and 64 hex digits
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        canonical.append("instructions:").append(instructions.length()).append(':').append(instructions).append('\n');
        for (Field field : inputs) {
            canonical.append("input:").append(canonical(field)).append('\n');
        }
        for (Field field : outputs) {
            canonical.append("output:").append(canonical(field)).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String canonical(Field field) {
        List<String> parts = new ArrayList<>(List.of(field.name(), field.type().pythonName(), field.description(),
                field.jsonSchema()));
        field.constraints().forEach(c -> parts.add(c.text()));
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(part.length()).append(':').append(part).append(';');
        }
        return out.toString();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static List<Field> concat(List<Field> a, List<Field> b) {
        List<Field> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    /** Builds a {@link SignatureDescription}; fields keep the order in which they are added. */
    public static final class Builder {
        private final String name;
        private String instructions;
        private final List<Field> inputs = new ArrayList<>();
        private final List<Field> outputs = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The instructions; without them, DSPy's default sentence naming the fields. */
        public Builder instructions(String instructions) {
            this.instructions = Objects.requireNonNull(instructions, "instructions");
            return this;
        }

        /** Adds an input field. */
        public Builder input(String name, String description, FieldType type, Constraint... constraints) {
            inputs.add(new Field(name, description, type, List.of(constraints)));
            return this;
        }

        /** Adds an output field. */
        public Builder output(String name, String description, FieldType type, Constraint... constraints) {
            outputs.add(new Field(name, description, type, List.of(constraints)));
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

        private static String defaultInstructions(List<Field> inputs, List<Field> outputs) {
            return "Given the fields " + backticked(inputs) + ", produce the fields " + backticked(outputs) + ".";
        }

        private static String backticked(List<Field> fields) {
            List<String> names = new ArrayList<>();
            for (Field field : fields) {
                names.add("`" + field.name() + "`");
            }
            return String.join(", ", names);
        }
    }
}
