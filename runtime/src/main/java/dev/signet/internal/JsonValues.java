package dev.signet.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.FieldType;
import dev.signet.FieldType.Component;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Field values as JSON: Java value to JSON tree and back (with the path of any mismatch), JSON written as
 * Python's {@code json.dumps(value, ensure_ascii=False)} writes it, lenient reading of what models write,
 * and the JSON Schema of a field type. Not public API.
 */
public final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    /** Plain Java values (maps, lists, strings, numbers) to and from trees, for {@link FieldType#ANY}. */
    private static final JsonMapper PLAIN = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonValues() {}

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
        String text = dumps(node);
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    // ---------------------------------------------------------------- reading what models write

    /**
     * Reads JSON as models write it: inside a Markdown code fence or not, with trailing commas, single quotes,
     * comments, and Python's {@code True}, {@code False} and {@code None} outside strings.
     *
     * @throws IllegalArgumentException if it is still not JSON
     */
    public static JsonNode readLenient(String text) {
        String json = pythonLiterals(stripFence(text.strip()));
        try (JsonParser parser = LENIENT.createParser(json)) {
            JsonNode node = LENIENT.readTree(parser);
            if (node == null || parser.nextToken() != null) {
                throw new IllegalArgumentException("expected one JSON value");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("expected JSON");
        }
    }

    /** The text inside a Markdown code fence ({@code ```json ... ```}), or the text itself. */
    static String stripFence(String text) {
        if (!text.startsWith("```")) {
            return text;
        }
        int firstLineEnd = text.indexOf('\n');
        int closing = text.lastIndexOf("```");
        if (firstLineEnd < 0 || closing <= firstLineEnd) {
            return text;
        }
        return text.substring(firstLineEnd + 1, closing).strip();
    }

    /** Replaces Python's {@code True}, {@code False} and {@code None} outside string literals. */
    private static String pythonLiterals(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                out.append(c);
            } else if (startsWord(text, i, "True")) {
                out.append("true");
                i += 3;
            } else if (startsWord(text, i, "False")) {
                out.append("false");
                i += 4;
            } else if (startsWord(text, i, "None")) {
                out.append("null");
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean startsWord(String text, int i, String word) {
        return text.startsWith(word, i)
                && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                && (i + word.length() == text.length() || !Character.isLetterOrDigit(text.charAt(i + word.length())));
    }

    // ---------------------------------------------------------------- writing like json.dumps

    /**
     * Serialises JSON like Python's {@code json.dumps(value, ensure_ascii=False)}: separators {@code ", "} and
     * {@code ": "}, non-ASCII kept, floats as Python's {@code repr}, control characters escaped in lower-case
     * hex.
     */
    public static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT: {
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    quote(entry.getKey(), out);
                    out.append(": ");
                    write(entry.getValue(), out);
                }
                out.append('}');
                break;
            }
            case ARRAY: {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    write(node.get(i), out);
                }
                out.append(']');
                break;
            }
            case STRING:
                quote(node.textValue(), out);
                break;
            case NUMBER:
                if (node.isIntegralNumber()) {
                    out.append(node.bigIntegerValue());
                } else if (node.isBigDecimal()) {
                    out.append(node.decimalValue().toPlainString());
                } else {
                    double d = node.doubleValue();
                    out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                            : PythonValues.pythonFloat(d));
                }
                break;
            case BOOLEAN:
                out.append(node.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.append("null");
                break;
            default:
                out.append(node.toString());
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    // ---------------------------------------------------------------- JSON Schema

    /**
     * The JSON Schema of a type as the ChatAdapter shows it: {@code "type"} first and the other keys sorted at
     * every level; records are objects with a {@code "title"}, their properties, and the required ones
     * (all but the {@code Optional} ones).
     */
    public static ObjectNode schema(FieldType type) {
        Map<String, JsonNode> keys = new TreeMap<>();
        String jsonType = null;
        switch (type.kind()) {
            case STRING:
                jsonType = "string";
                break;
            case INT:
            case LONG:
                jsonType = "integer";
                break;
            case DOUBLE:
            case DECIMAL:
                jsonType = "number";
                break;
            case BOOLEAN:
                jsonType = "boolean";
                break;
            case DATE:
                jsonType = "string";
                keys.put("format", NODES.textNode("date"));
                break;
            case DATE_TIME:
            case INSTANT:
                jsonType = "string";
                keys.put("format", NODES.textNode("date-time"));
                break;
            case ENUM: {
                jsonType = "string";
                ArrayNode values = NODES.arrayNode();
                type.enumConstants().forEach(c -> values.add(c.name()));
                keys.put("enum", values);
                keys.put("title", NODES.textNode(type.pythonName()));
                break;
            }
            case LITERAL: {
                jsonType = "string";
                ArrayNode values = NODES.arrayNode();
                type.literalValues().forEach(values::add);
                keys.put("enum", values);
                break;
            }
            case ANY:
                break;
            case LIST:
            case SET:
                jsonType = "array";
                keys.put("items", schema(type.element().orElseThrow()));
                if (type.kind() == FieldType.Kind.SET) {
                    keys.put("uniqueItems", NODES.booleanNode(true));
                }
                break;
            case MAP:
                jsonType = "object";
                keys.put("additionalProperties", schema(type.element().orElseThrow()));
                break;
            case OPTIONAL: {
                ArrayNode anyOf = NODES.arrayNode();
                anyOf.add(schema(type.element().orElseThrow()));
                anyOf.add(NODES.objectNode().put("type", "null"));
                keys.put("anyOf", anyOf);
                break;
            }
            case RECORD: {
                jsonType = "object";
                ObjectNode properties = NODES.objectNode();
                ArrayNode required = NODES.arrayNode();
                for (Component component : type.components()) {
                    ObjectNode property = schema(component.type());
                    if (!component.description().isEmpty()) {
                        property = withKey(property, "description", NODES.textNode(component.description()));
                    }
                    properties.set(component.name(), property);
                    if (component.type().kind() != FieldType.Kind.OPTIONAL) {
                        required.add(component.name());
                    }
                }
                keys.put("properties", properties);
                keys.put("required", required);
                keys.put("title", NODES.textNode(type.pythonName()));
                break;
            }
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
        ObjectNode schema = NODES.objectNode();
        if (jsonType != null) {
            schema.put("type", jsonType);
        }
        keys.forEach(schema::set);
        return schema;
    }

    /**
     * The schema of an object with the given properties under OpenAI's strict structured-output rules: every
     * property required (an {@code Optional} one as nullable), {@code additionalProperties: false} on every
     * object, no {@code uniqueItems}.
     *
     * @param properties the properties by name, in order
     * @return the schema, and whether strict mode can enforce it (not when a map with free keys appears)
     */
    public static Map.Entry<ObjectNode, Boolean> strictObjectSchema(Map<String, Map.Entry<String, FieldType>> properties) {
        boolean[] strict = {true};
        ObjectNode object = NODES.objectNode();
        object.put("type", "object");
        ObjectNode props = object.putObject("properties");
        ArrayNode required = object.putArray("required");
        properties.forEach((name, described) -> {
            ObjectNode property = strictSchema(described.getValue(), strict);
            if (!described.getKey().isEmpty()) {
                property.put("description", described.getKey());
            }
            props.set(name, property);
            required.add(name);
        });
        object.put("additionalProperties", false);
        return Map.entry(object, strict[0]);
    }

    private static ObjectNode strictSchema(FieldType type, boolean[] strict) {
        ObjectNode schema = NODES.objectNode();
        switch (type.kind()) {
            case LIST:
            case SET:
                schema.put("type", "array");
                schema.set("items", strictSchema(type.element().orElseThrow(), strict));
                return schema;
            case MAP:
                strict[0] = false;
                schema.put("type", "object");
                schema.set("additionalProperties", strictSchema(type.element().orElseThrow(), strict));
                return schema;
            case OPTIONAL: {
                ArrayNode anyOf = schema.putArray("anyOf");
                anyOf.add(strictSchema(type.element().orElseThrow(), strict));
                anyOf.add(NODES.objectNode().put("type", "null"));
                return schema;
            }
            case RECORD: {
                Map<String, Map.Entry<String, FieldType>> properties = new LinkedHashMap<>();
                for (Component component : type.components()) {
                    properties.put(component.name(), Map.entry(component.description(), component.type()));
                }
                Map.Entry<ObjectNode, Boolean> object = strictObjectSchema(properties);
                strict[0] &= object.getValue();
                return object.getKey();
            }
            case ANY:
                strict[0] = false; // strict mode can't accept an arbitrary value
                return schema(type);
            default:
                return schema(type);
        }
    }

    /** A JSON value written as Python's {@code repr} writes the equivalent dict or list: {@code {'a': True}}. */
    public static String pythonRepr(JsonNode node) {
        StringBuilder out = new StringBuilder();
        repr(node, out);
        return out.toString();
    }

    private static void repr(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                out.append(first ? "" : ", ");
                first = false;
                reprString(entry.getKey(), out);
                out.append(": ");
                repr(entry.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                repr(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            reprString(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "True" : "False");
        } else if (node.isNull()) {
            out.append("None");
        } else {
            write(node, out);
        }
    }

    private static void reprString(String text, StringBuilder out) {
        out.append('\'').append(text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")).append('\'');
    }

    /** A copy of a schema with one more key, keeping {@code "type"} first and the rest sorted. */
    private static ObjectNode withKey(ObjectNode schema, String key, JsonNode value) {
        Map<String, JsonNode> keys = new TreeMap<>();
        schema.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue()));
        keys.put(key, value);
        ObjectNode copy = NODES.objectNode();
        if (keys.containsKey("type")) {
            copy.set("type", keys.remove("type"));
        }
        keys.forEach(copy::set);
        return copy;
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
        return java.time.OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
    }
}
