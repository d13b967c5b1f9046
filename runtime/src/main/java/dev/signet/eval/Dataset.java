package dev.signet.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.Field;
import dev.signet.core.FieldType;
import dev.signet.core.FileInput;
import dev.signet.core.Image;
import dev.signet.core.SignatureDescription;
import dev.signet.internal.Json;
import dev.signet.internal.JsonCodec;
import dev.signet.rules.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Examples of a signature, loaded from and saved to JSONL: one JSON object per line, its properties named
 * after the signature's fields.
 *
 * <pre>{@code
 * {"question": "Who wrote Dune?", "answer": "Frank Herbert"}
 * }</pre>
 *
 * <p>Every input is required, and every output that is not {@code Optional} (the labels the metric compares
 * with); values must have their field's type; other properties are ignored. Blank lines are skipped. A bad
 * line fails with a {@link DatasetException} naming the file, the line and the field.
 */
public final class Dataset {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Dataset() {}

    /**
     * A stable hash of the examples' contents, in order: what provenance and optimizer checkpoints record, so that
     * changed data (a relabelled example, one more line) is noticed.
     *
     * @return 64 hex digits
     */
    public static String fingerprint(List<Example> examples) {
        try {
            MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (Example example : examples) {
                digest.update((example.inputs() + "->" + example.outputs() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads a JSONL file.
     *
     * @throws DatasetException naming the file, line and field of the first bad line
     */
    public static List<Example> loadJsonl(Path file, SignatureDescription signature) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException(file, 0, null, "cannot read the dataset: " + e.getMessage(), e);
        }
        List<Example> examples = new ArrayList<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int number = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new DatasetException(file, number, null, "not valid UTF-8; save the file as UTF-8", e);
            }
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte order mark
            }
            if (!line.isBlank()) {
                examples.add(parse(file, number, line, signature));
            }
            start = end + 1;
        }
        return Collections.unmodifiableList(examples);
    }

    private static Example parse(Path file, int number, String line, SignatureDescription signature) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DatasetException(file, number, null, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.isObject()) {
            throw new DatasetException(file, number, null, "expected a JSON object, got " + node.getNodeType(), null);
        }
        return new Example(values(file, number, node, signature.inputs(), true),
                values(file, number, node, signature.outputs(), false));
    }

    private static Map<String, Object> values(Path file, int number, JsonNode node, List<Field> fields,
            boolean inputs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : fields) {
            JsonNode value = node.get(field.name());
            boolean optional = field.type().kind() == FieldType.Kind.OPTIONAL;
            if ((value == null || value.isNull()) && !optional) {
                throw new DatasetException(file, number, field.name(), "no value for the "
                        + (inputs ? "input" : "output") + " field `" + field.name() + "` (" + field.type().pythonName()
                        + "); every line needs every input and every non-Optional output", null);
            }
            try {
                Object local = localMedia(file, number, field, value);
                values.put(field.name(), local != null ? (optional ? Optional.of(local) : local)
                        : JsonCodec.fromJson(value, field.type()));
            } catch (JsonCodec.MismatchException e) {
                throw new DatasetException(file, number, field.name(), "field `" + field.name() + e.path() + "`: "
                        + e.problem(), null);
            }
        }
        return values;
    }

    /**
     * An image or file field's value given as a path: read relative to the dataset's directory. A URL, a
     * {@code data:} URI, an object or DSPy's custom-type block is left to {@link JsonCodec}.
     *
     * @return the image or file, or {@code null} when the value is not a path to one
     */
    private static Object localMedia(Path file, int number, Field field, JsonNode value) {
        FieldType type = field.type().kind() == FieldType.Kind.OPTIONAL ? field.type().element().orElseThrow()
                : field.type();
        boolean image = type.kind() == FieldType.Kind.IMAGE;
        if (!image && type.kind() != FieldType.Kind.FILE || value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue().strip();
        if (text.startsWith("data:") || text.startsWith(Image.START) || text.matches("(?i)(https?|gs)://.*")) {
            return null;
        }
        Path base = file.toAbsolutePath().getParent();
        Path path = base.resolve(text).normalize();
        try {
            return image ? Image.fromPath(path) : FileInput.fromPath(path);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new DatasetException(file, number, field.name(), "field `" + field.name() + "`: " + e.getMessage()
                    + (image ? " (an image is a URL, a data: URI, or a path relative to the dataset's directory)"
                            : " (a file is a path relative to the dataset's directory, or {\"file_id\": ...})"),
                    null);
        }
    }

    /**
     * Saves examples as JSONL, atomically: a reader sees the old file or the new one, never half of one.
     *
     * @throws DatasetException if the file can't be written
     */
    public static void saveJsonl(Path file, List<Example> examples, SignatureDescription signature) {
        StringBuilder text = new StringBuilder();
        for (Example example : examples) {
            ObjectNode line = MAPPER.createObjectNode();
            put(line, signature.inputs(), example.inputs());
            put(line, signature.outputs(), example.outputs());
            text.append(Json.dumps(line)).append('\n');
        }
        try {
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new DatasetException(file, 0, null, "cannot write the dataset: " + e.getMessage(), e);
        }
    }

    private static void put(ObjectNode line, List<Field> fields, Map<String, Object> values) {
        for (Field field : fields) {
            if (values.containsKey(field.name())) {
                line.set(field.name(), JsonCodec.toJson(values.get(field.name()), field.type()));
            }
        }
    }

    /** @return a copy of the examples in an order fixed by the seed */
    public static List<Example> shuffled(List<Example> examples, long seed) {
        List<Example> copy = new ArrayList<>(examples);
        Collections.shuffle(copy, new Random(seed));
        return Collections.unmodifiableList(copy);
    }

    /**
     * Splits examples, after a seeded shuffle, into a training and a development set.
     *
     * @param trainFraction the share for training, strictly between 0 and 1
     * @param seed the shuffle's seed
     */
    public static Split split(List<Example> examples, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be between 0 and 1, was " + trainFraction);
        }
        List<Example> shuffled = shuffled(examples, seed);
        int train = (int) Math.round(shuffled.size() * trainFraction);
        return new Split(shuffled.subList(0, train), shuffled.subList(train, shuffled.size()));
    }

    /**
     * A training and a development set.
     *
     * @param train the training examples
     * @param dev the development examples
     */
    public record Split(List<Example> train, List<Example> dev) {
        public Split {
            train = List.copyOf(train);
            dev = List.copyOf(dev);
        }
    }
}
