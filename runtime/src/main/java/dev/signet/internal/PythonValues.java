package dev.signet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.core.FieldType;
import dev.signet.core.FileInput;
import dev.signet.core.Image;
import dev.signet.rules.PythonText;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values written and read the way DSPy's ChatAdapter writes and reads them: Python's {@code str()} for
 * scalars, {@code json.dumps} (separators {@code ", "} and {@code ": "}, non-ASCII kept) for the rest. Not
 * public API.
 */
public final class PythonValues {
    private static final Pattern PYTHON_FLOAT =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}([,_]\\d{3})+(\\.\\d*)?([eE][+-]?\\d+)?");
    private static final Pattern ZERO_FRACTION = Pattern.compile("[+-]?\\d+\\.0*");

    private PythonValues() {}

    /**
     * Formats an input or demo value of the given type as the prompt shows it. A {@code String} given for a
     * field of another type (a demo imported from text) is shown as it is.
     */
    public static String format(Object value, FieldType type) {
        if (value instanceof String text) {
            return text;
        }
        switch (type.kind()) {
            case INT:
            case LONG:
            case ENUM:
            case LITERAL:
                return value instanceof Enum<?> constant ? constant.name() : value.toString();
            case DOUBLE:
                return pythonFloat(((Number) value).doubleValue());
            case DECIMAL:
                return ((BigDecimal) value).toPlainString();
            case BOOLEAN:
                return ((Boolean) value) ? "True" : "False";
            case DATE:
            case INSTANT:
                return value.toString();
            case DATE_TIME:
                return JsonCodec.isoDateTime((LocalDateTime) value);
            case OPTIONAL:
                Optional<?> optional = (Optional<?>) value;
                return optional.isPresent() ? format(optional.get(), type.element().orElseThrow()) : "None";
            case IMAGE:
                return ((Image) value).block();
            case FILE:
                return ((FileInput) value).block();
            default:
                return Json.dumps(JsonCodec.toJson(value, type));
        }
    }

    /**
     * Parses a reply value of the given type, forgiving the slips models make: quotes or backticks around a
     * scalar, thousands separators, {@code True}/{@code true}, an enum constant in another case or as
     * {@code Type.NAME}, JSON in a code fence, trailing commas, single quotes, Python literals.
     *
     * @throws IllegalArgumentException saying what was expected (and where, inside JSON)
     */
    public static Object parse(String text, FieldType type) {
        switch (type.kind()) {
            case STRING:
                return text;
            case IMAGE:
            case FILE:
                throw new IllegalArgumentException("an " + type.pythonName() + " is an input, never read from a reply");
            case OPTIONAL: {
                if (isNone(text)) {
                    return Optional.empty();
                }
                return Optional.of(parse(text, type.element().orElseThrow()));
            }
            default:
                if (type.isStructured()) {
                    return JsonCodec.fromJson(readStructured(text, type), type);
                }
                return parseScalar(text, type);
        }
    }

    /**
     * Whether a reply's text for an optional value says there is none: empty, {@code None} or {@code null}
     * (quoted or not). DSPy keeps such text as it is for an {@code Optional[str]}; a Java {@code Optional} is a
     * value or none, so Signet reads it as none, through both adapters (docs/chat-format.md).
     */
    public static boolean isNone(String text) {
        String trimmed = unquote(text.strip());
        return trimmed.isEmpty() || trimmed.equalsIgnoreCase("none") || trimmed.equalsIgnoreCase("null");
    }

    /**
     * A structured value's JSON as models write it, and as DSPy reads it through json_repair and
     * {@code ast.literal_eval}: also a list written without its brackets ({@code 'a', 'b'}) and, for a list or set
     * of strings, bare words in brackets ({@code [Grüner Veltliner, app]}).
     */
    private static JsonNode readStructured(String text, FieldType type) {
        try {
            return Json.readLenient(text);
        } catch (IllegalArgumentException e) {
            boolean collection = type.kind() == FieldType.Kind.LIST || type.kind() == FieldType.Kind.SET;
            if (!collection) {
                throw e;
            }
            String value = Json.stripFence(text.strip());
            if (!value.startsWith("[")) {
                try {
                    return Json.readLenient("[" + value + "]");
                } catch (IllegalArgumentException notAList) {
                    throw e;
                }
            }
            FieldType element = type.element().orElseThrow();
            if (value.endsWith("]") && element.kind() == FieldType.Kind.STRING) {
                var words = Json.NODES.arrayNode();
                for (String word : value.substring(1, value.length() - 1).split(",")) {
                    String bare = unquote(word.strip());
                    if (!bare.isEmpty()) {
                        words.add(bare);
                    }
                }
                return words;
            }
            throw e;
        }
    }

    /** Parses a scalar (number, bool, enum, date) written as text; see {@link #parse}. */
    static Object parseScalar(String text, FieldType type) {
        String value = unquote(Json.stripFence(text.strip()));
        switch (type.kind()) {
            case STRING:
                return text;
            case INT:
                try {
                    return Integer.parseInt(wholeNumber(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an int");
                }
            case LONG:
                try {
                    return Long.parseLong(wholeNumber(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an int");
                }
            case DOUBLE:
                return parseFloat(withoutThousands(value));
            case DECIMAL:
                try {
                    String plain = withoutThousands(value);
                    if (!PYTHON_FLOAT.matcher(plain).matches()) {
                        throw new NumberFormatException(plain);
                    }
                    return new BigDecimal(plain);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a decimal number");
                }
            case BOOLEAN:
                // pydantic's lax booleans, any case
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "t", "yes", "y", "on", "1":
                        return Boolean.TRUE;
                    case "false", "f", "no", "n", "off", "0":
                        return Boolean.FALSE;
                    default:
                        throw new IllegalArgumentException("expected True or False");
                }
            case ENUM:
                return parseEnum(value, type);
            case LITERAL:
                if (type.literalValues().contains(text)) {
                    return text;
                }
                value = unwrapLiteral(value);
                for (String literal : type.literalValues()) {
                    if (literal.equals(value)) {
                        return literal;
                    }
                }
                for (String literal : type.literalValues()) {
                    if (literal.equalsIgnoreCase(value)) {
                        return literal;
                    }
                }
                throw new IllegalArgumentException("expected one of " + String.join(", ", type.literalValues()));
            case DATE:
                try {
                    return JsonCodec.parseDate(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expected a date (YYYY-MM-DD)");
                }
            case DATE_TIME:
                try {
                    return JsonCodec.parseDateTime(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expected a date and time (YYYY-MM-DDTHH:MM:SS)");
                }
            case INSTANT:
                try {
                    return JsonCodec.parseInstant(value);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expected an instant (YYYY-MM-DDTHH:MM:SSZ)");
                }
            default:
                throw new IllegalStateException("not a scalar: " + type.kind());
        }
    }

    /**
     * The "# note" that follows an output field in the structure block, without its indentation, or empty for
     * strings.
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
            case DECIMAL:
                return "# note: the value you produce must be a single " + type.pythonName() + " value";
            case ENUM:
                List<String> names = new ArrayList<>();
                for (Enum<?> constant : type.enumConstants()) {
                    names.add(constant.name());
                }
                return "# note: the value you produce must be one of: " + String.join("; ", names);
            case LITERAL:
                return "# note: the value you produce must exactly match (no extra characters) one of: "
                        + String.join("; ", type.literalValues());
            default:
                return "# note: the value you produce must adhere to the JSON schema: " + type.jsonSchema();
        }
    }

    /** Python's {@code repr(float)}: {@code 3.0}, {@code 0.5}, {@code 1e-05}, {@code 1e+16}, {@code nan}. */
    public static String pythonFloat(double d) {
        return PythonText.floatRepr(d);
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
        String name = text.startsWith(type.pythonName() + ".") ? text.substring(type.pythonName().length() + 1) : text;
        for (Enum<?> constant : type.enumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        for (Enum<?> constant : type.enumConstants()) {
            if (constant.name().equalsIgnoreCase(name)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        type.enumConstants().forEach(c -> names.add(c.name()));
        throw new IllegalArgumentException("expected one of " + String.join(", ", names));
    }

    /** Removes one layer of matching quotes or backticks around a value. */
    private static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            char last = text.charAt(text.length() - 1);
            if ((first == '"' || first == '\'' || first == '`') && last == first) {
                return text.substring(1, text.length() - 1).strip();
            }
        }
        return text;
    }

    /** {@code Literal['a']} or {@code str['a']}, as models echo the type: the value inside, unquoted. */
    private static String unwrapLiteral(String value) {
        for (String wrapper : new String[] {"Literal[", "str["}) {
            if (value.startsWith(wrapper) && value.endsWith("]")) {
                return unquote(value.substring(wrapper.length(), value.length() - 1).strip());
            }
        }
        return value;
    }

    /** {@code 1,234,567} and {@code 1_234_567} without their separators; anything else unchanged. */
    private static String withoutThousands(String text) {
        return THOUSANDS.matcher(text).matches() ? text.replace(",", "").replace("_", "") : text;
    }

    /** An integer, forgiving thousands separators and a zero fraction ({@code 42.0}). */
    private static String wholeNumber(String text) {
        String plain = withoutThousands(text);
        return ZERO_FRACTION.matcher(plain).matches() ? plain.substring(0, plain.indexOf('.')) : plain;
    }
}
