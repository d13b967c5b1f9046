package dev.signet.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.FieldType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values written and read the way DSPy's ChatAdapter writes and reads them: Python's {@code str()} for
 * scalars, {@code json.dumps} (separators {@code ", "} and {@code ": "}, non-ASCII kept) for the rest. Not
 * public API.
 */
public final class PythonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter DUMPS = MAPPER.writer(new PythonSeparators());
    private static final Pattern PYTHON_FLOAT =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private PythonValues() {}

    /** Formats an input or demo value of the given type as the prompt shows it. */
    public static String format(Object value, FieldType type) {
        switch (type.kind()) {
            case STRING:
                return value.toString();
            case INT:
            case LONG:
                return value.toString();
            case DOUBLE:
                return pythonFloat(((Number) value).doubleValue());
            case BOOLEAN:
                return ((Boolean) value) ? "True" : "False";
            case ENUM:
                return ((Enum<?>) value).name();
            case LIST:
                return dumps(MAPPER.valueToTree(new ArrayList<>((Collection<?>) value)));
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
    }

    /**
     * Parses a reply value of the given type.
     *
     * @throws IllegalArgumentException saying what was expected, when the text is not a value of the type
     */
    public static Object parse(String text, FieldType type) {
        String trimmed = text.trim();
        switch (type.kind()) {
            case STRING:
                return text;
            case INT:
                try {
                    return Integer.parseInt(trimmed);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an int");
                }
            case LONG:
                try {
                    return Long.parseLong(trimmed);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an int");
                }
            case DOUBLE:
                return parseFloat(trimmed);
            case BOOLEAN:
                if (trimmed.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (trimmed.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("expected True or False");
            case ENUM:
                return parseEnum(trimmed, type);
            case LIST:
                return parseList(trimmed, type);
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
    }

    /**
     * The "# note" that follows an output field in the structure block, without its indentation, or
     * empty for strings.
     */
    public static String typeNote(FieldType type) {
        switch (type.kind()) {
            case STRING:
                return "";
            case BOOLEAN:
                return "# note: the value you produce must be True or False";
            case INT:
            case LONG:
            case DOUBLE:
                return "# note: the value you produce must be a single " + type.pythonName() + " value";
            case ENUM:
                List<String> names = new ArrayList<>();
                for (Enum<?> constant : type.enumConstants()) {
                    names.add(constant.name());
                }
                return "# note: the value you produce must be one of: " + String.join("; ", names);
            default:
                return "# note: the value you produce must adhere to the JSON schema: " + dumps(jsonSchema(type));
        }
    }

    /**
     * The JSON Schema of a type, with {@code "type"} first and the other keys sorted, as DSPy prints it.
     */
    public static ObjectNode jsonSchema(FieldType type) {
        ObjectNode schema = MAPPER.createObjectNode();
        switch (type.kind()) {
            case STRING:
                schema.put("type", "string");
                break;
            case INT:
            case LONG:
                schema.put("type", "integer");
                break;
            case DOUBLE:
                schema.put("type", "number");
                break;
            case BOOLEAN:
                schema.put("type", "boolean");
                break;
            case ENUM:
                schema.put("type", "string");
                var values = schema.putArray("enum");
                type.enumConstants().forEach(c -> values.add(c.name()));
                break;
            case LIST:
                schema.put("type", "array");
                schema.set("items", jsonSchema(type.element().orElseThrow()));
                break;
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
        return schema;
    }

    /** Serialises JSON like Python's {@code json.dumps(value, ensure_ascii=False)}. */
    public static String dumps(JsonNode node) {
        try {
            return DUMPS.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node, e);
        }
    }

    /** Python's {@code repr(float)}: {@code 3.0}, {@code 0.5}, {@code 1e-05}, {@code 1e+16}, {@code nan}. */
    public static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - exact.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.indexOf('.') >= 0 ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    private static Double parseFloat(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!PYTHON_FLOAT.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a float");
        }
        return Double.parseDouble(text);
    }

    private static Enum<?> parseEnum(String text, FieldType type) {
        for (Enum<?> constant : type.enumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        for (Enum<?> constant : type.enumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        type.enumConstants().forEach(c -> names.add(c.name()));
        throw new IllegalArgumentException("expected one of " + String.join(", ", names));
    }

    private static List<Object> parseList(String text, FieldType type) {
        String expected = "expected a JSON array of " + type.element().orElseThrow().pythonName();
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(expected);
        }
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(expected);
        }
        FieldType element = type.element().orElseThrow();
        List<Object> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (element.kind() == FieldType.Kind.STRING) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException(expected);
                }
                values.add(item.textValue());
            } else {
                values.add(parse(item.isTextual() ? item.textValue() : item.toString(), element));
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** {@code json.dumps}'s default separators on one line. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
