package dev.signet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.FieldType.Component;
import dev.signet.core.FieldType;
import dev.signet.core.FileInput;
import dev.signet.core.Image;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Field values as JSON trees, by their field type: Java value to JSON and back, with the path of any mismatch.
 * Not public API.
 */
public final class JsonCodec {
    private static final JsonNodeFactory NODES = Json.NODES;
    private static final JsonMapper PLAIN = Json.PLAIN;
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private JsonCodec() {}

    /** A value that does not fit its type, at a path such as {@code verdict.items[1].owner}. */
    public static final class MismatchException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String path;
        private final String problem;

        MismatchException(String path, String problem) {
            super(at(path) + problem);
            this.path = path;
            this.problem = problem;
        }

        /** @return where in the value: empty for the value itself, else {@code .name}, {@code [2]}, ... */
        public String path() {
            return path;
        }

        /** @return what is wrong there: what was expected and what came */
        public String problem() {
            return problem;
        }
    }

    // ---------------------------------------------------------------- Java -> JSON

    /** The JSON tree of a Java value of the given type. */
    public static JsonNode toJson(Object value, FieldType type) {
        return toJson(value, type, "");
    }

    private static JsonNode toJson(Object value, FieldType type, String path) {
        if (type.kind() == FieldType.Kind.OPTIONAL) {
            Optional<?> optional = cast(value, Optional.class, type, path);
            return optional.isPresent()
                    ? toJson(optional.get(), type.element().orElseThrow(), path)
                    : NODES.nullNode();
        }
        if (type.kind() == FieldType.Kind.ANY) {
            return PLAIN.valueToTree(value);
        }
        if (value == null) {
            throw new MismatchException(path, "expected " + type.pythonName() + ", got null");
        }
        switch (type.kind()) {
            case STRING:
            case LITERAL:
                return NODES.textNode(cast(value, String.class, type, path));
            case INT:
                return NODES.numberNode(cast(value, Integer.class, type, path));
            case LONG:
                return NODES.numberNode(cast(value, Long.class, type, path));
            case DOUBLE:
                return NODES.numberNode(cast(value, Double.class, type, path));
            case BOOLEAN:
                return NODES.booleanNode(cast(value, Boolean.class, type, path));
            case DECIMAL:
                return NODES.numberNode(cast(value, BigDecimal.class, type, path));
            case DATE:
            case DATE_TIME:
            case INSTANT:
            case ENUM:
                return NODES.textNode(PythonValues.format(value, type));
            case IMAGE:
                // as DSPy serializes a dspy.Image: the custom-type block, which renders as the image did
                return NODES.textNode(cast(value, Image.class, type, path).block());
            case FILE:
                return NODES.textNode(cast(value, FileInput.class, type, path).block());
            case LIST:
            case SET: {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                Collection<?> items = cast(value, Collection.class, type, path);
                for (Object item : items) {
                    array.add(toJson(item, type.element().orElseThrow(), path + "[" + i++ + "]"));
                }
                return array;
            }
            case MAP: {
                ObjectNode object = NODES.objectNode();
                Map<?, ?> map = cast(value, Map.class, type, path);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    object.set(key, toJson(entry.getValue(), type.element().orElseThrow(), path + "." + key));
                }
                return object;
            }
            case RECORD: {
                ObjectNode object = NODES.objectNode();
                List<Object> values = type.recordValues(value);
                List<Component> components = type.components();
                for (int i = 0; i < components.size(); i++) {
                    Component component = components.get(i);
                    object.set(component.name(), toJson(values.get(i), component.type(),
                            path + "." + component.name()));
                }
                return object;
            }
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
    }

    private static <T> T cast(Object value, Class<T> javaType, FieldType type, String path) {
        if (!javaType.isInstance(value)) {
            throw new MismatchException(path, "expected " + type.pythonName() + " ("
                    + javaType.getSimpleName() + "), got " + (value == null ? "null" : value.getClass().getName()));
        }
        return javaType.cast(value);
    }

    // ---------------------------------------------------------------- JSON -> Java

    /**
     * The Java value of a JSON tree of the given type.
     *
     * @throws MismatchException naming the path, what was expected and what came
     */
    public static Object fromJson(JsonNode node, FieldType type) {
        return fromJson(node, type, "");
    }

    /** A file as JSON holds it: DSPy's custom-type block, or {@code {"file_data"|"file_id"|"filename": ...}}. */
    private static FileInput fileFromJson(JsonNode node, String path) {
        if (node.isTextual()) {
            Optional<FileInput> block = FileInput.fromBlock(node.textValue());
            if (block.isPresent()) {
                return block.get();
            }
        } else if (node.isObject() && node.path("file_id").isTextual() && node.size() == 1) {
            return FileInput.fromFileId(node.get("file_id").textValue());
        } else if (node.isObject() && node.path("file_data").isTextual()) {
            Optional<FileInput> block = FileInput.fromBlock(Image.START + "[{\"type\": \"file\", \"file\": "
                    + node + "}]" + Image.END);
            if (block.isPresent()) {
                return block.get();
            }
        }
        throw new MismatchException(path, "expected a file (a path, {\"file_id\": ...} or {\"file_data\": ..., "
                + "\"filename\": ...}), got " + excerpt(node));
    }

    /** An image as JSON holds it: DSPy's custom-type block, a URL or data URI, or {@code {"url": ...}}. */
    private static Image imageFromJson(JsonNode node, String path) {
        JsonNode url = node.isObject() && node.size() == 1 ? node.get("url") : node;
        if (url == null || !url.isTextual()) {
            throw new MismatchException(path, "expected an image (a URL, a data: URI or {\"url\": ...}), got "
                    + excerpt(node));
        }
        Optional<Image> block = Image.fromBlock(url.textValue());
        if (block.isPresent()) {
            return block.get();
        }
        try {
            return Image.fromUrl(url.textValue());
        } catch (IllegalArgumentException e) {
            throw new MismatchException(path, e.getMessage());
        }
    }

    private static Object fromJson(JsonNode node, FieldType type, String path) {
        if (type.kind() == FieldType.Kind.OPTIONAL) {
            return node == null || node.isNull() || node.isMissingNode()
                    ? Optional.empty()
                    : Optional.of(fromJson(node, type.element().orElseThrow(), path));
        }
        if (type.kind() == FieldType.Kind.ANY) {
            return node == null || node.isMissingNode() ? null : PLAIN.convertValue(node, Object.class);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new MismatchException(path, "expected " + type.pythonName() + ", got "
                    + (node == null || node.isMissingNode() ? "nothing" : "null"));
        }
        switch (type.kind()) {
            case LITERAL:
                if (!node.isTextual()) {
                    throw mismatch(path, type, node);
                }
                try {
                    return PythonValues.parseScalar(node.textValue(), type);
                } catch (IllegalArgumentException e) {
                    throw new MismatchException(path, e.getMessage() + ", got " + excerpt(node));
                }
            case STRING:
                if (!node.isTextual()) {
                    throw mismatch(path, type, node);
                }
                return node.textValue();
            case IMAGE:
                return imageFromJson(node, path);
            case FILE:
                return fileFromJson(node, path);
            case INT:
            case LONG:
            case DOUBLE:
            case DECIMAL:
            case BOOLEAN:
            case ENUM:
            case DATE:
            case DATE_TIME:
            case INSTANT:
                return scalarFromJson(node, type, path);
            case LIST:
            case SET: {
                if (!node.isArray()) {
                    throw mismatch(path, type, node);
                }
                Collection<Object> values = type.kind() == FieldType.Kind.SET
                        ? new LinkedHashSet<>()
                        : new ArrayList<>(node.size());
                int i = 0;
                for (JsonNode item : node) {
                    values.add(fromJson(item, type.element().orElseThrow(), path + "[" + i++ + "]"));
                }
                return type.kind() == FieldType.Kind.SET
                        ? Collections.unmodifiableSet((LinkedHashSet<Object>) values)
                        : Collections.unmodifiableList((List<Object>) values);
            }
            case MAP: {
                if (!node.isObject()) {
                    throw mismatch(path, type, node);
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    values.put(entry.getKey(), fromJson(entry.getValue(), type.element().orElseThrow(),
                            path + "." + entry.getKey()));
                }
                return Collections.unmodifiableMap(values);
            }
            case RECORD: {
                if (!node.isObject()) {
                    throw mismatch(path, type, node);
                }
                List<Object> values = new ArrayList<>();
                for (Component component : type.components()) {
                    values.add(fromJson(node.get(component.name()), component.type(), path + "." + component.name()));
                }
                return type.newRecord(values);
            }
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
    }

    private static Object scalarFromJson(JsonNode node, FieldType type, String path) {
        try {
            switch (type.kind()) {
                case INT:
                    if (node.isNumber() && isWhole(node) && node.canConvertToInt()) {
                        return node.intValue();
                    }
                    break;
                case LONG:
                    if (node.isNumber() && isWhole(node) && node.canConvertToLong()) {
                        return node.longValue();
                    }
                    break;
                case DOUBLE:
                    if (node.isNumber()) {
                        return node.doubleValue();
                    }
                    break;
                case DECIMAL:
                    if (node.isNumber()) {
                        return node.decimalValue();
                    }
                    break;
                case BOOLEAN:
                    if (node.isBoolean()) {
                        return node.booleanValue();
                    }
                    if (node.isIntegralNumber() && (node.intValue() == 0 || node.intValue() == 1)) {
                        return node.intValue() == 1; // pydantic's lax booleans
                    }
                    break;
                default:
                    break;
            }
            if (node.isTextual()) {
                // A scalar written as a string ("42", "True", "JOY", "2024-01-31"): read it as the chat format would.
                return PythonValues.parseScalar(node.textValue(), type);
            }
        } catch (IllegalArgumentException e) {
            throw new MismatchException(path, e.getMessage() + ", got " + excerpt(node));
        }
        throw mismatch(path, type, node);
    }

    private static boolean isWhole(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        BigDecimal value = node.decimalValue();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static MismatchException mismatch(String path, FieldType type, JsonNode node) {
        return new MismatchException(path, "expected " + type.pythonName() + ", got " + excerpt(node));
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "at `" + (path.startsWith(".") ? path.substring(1) : path) + "`: ";
    }

    private static String excerpt(JsonNode node) {
        String text = Json.dumps(node);
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** Formats a date-time as ISO-8601 with seconds always present (Python's {@code isoformat}). */
    static String isoDateTime(LocalDateTime value) {
        return ISO_DATE_TIME.format(value);
    }

    static LocalDate parseDate(String text) {
        return LocalDate.parse(text);
    }

    static LocalDateTime parseDateTime(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    static Instant parseInstant(String text) {
        return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
    }
}
