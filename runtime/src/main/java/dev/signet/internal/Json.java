package dev.signet.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.signet.rules.PythonText;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as text: read leniently, as models write it; written as Python's {@code json.dumps} and {@code repr} write
 * it, which is what DSPy's prompts hold. Not public API.
 */
public final class Json {
    /** Exact decimals in trees: a demo's {@code 0.1} stays {@code 0.1}. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Plain Java values (maps, lists, strings, numbers) to and from trees. */
    public static final JsonMapper PLAIN = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private Json() {}

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
    public static String stripFence(String text) {
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
        write(node, out, -1, 0);
        return out.toString();
    }

    /** {@code json.dumps(value, indent=2, ensure_ascii=False)}: what DSPy's JSONAdapter writes in demo turns. */
    public static String dumpsIndented(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, 2, 0);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, int indent, int depth) {
        switch (node.getNodeType()) {
            case OBJECT: {
                if (node.isEmpty()) {
                    out.append("{}");
                    break;
                }
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    separate(out, first, indent, depth + 1);
                    first = false;
                    PythonText.jsonQuote(entry.getKey(), out);
                    out.append(": ");
                    write(entry.getValue(), out, indent, depth + 1);
                }
                close(out, indent, depth);
                out.append('}');
                break;
            }
            case ARRAY: {
                if (node.isEmpty()) {
                    out.append("[]");
                    break;
                }
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    separate(out, i == 0, indent, depth + 1);
                    write(node.get(i), out, indent, depth + 1);
                }
                close(out, indent, depth);
                out.append(']');
                break;
            }
            case STRING:
                PythonText.jsonQuote(node.textValue(), out);
                break;
            case NUMBER:
                if (node.isIntegralNumber()) {
                    out.append(node.bigIntegerValue());
                } else if (node.isBigDecimal()) {
                    out.append(node.decimalValue().toPlainString());
                } else {
                    double d = node.doubleValue();
                    out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                            : PythonText.floatRepr(d));
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

    private static void separate(StringBuilder out, boolean first, int indent, int depth) {
        if (indent < 0) {
            out.append(first ? "" : ", ");
        } else {
            out.append(first ? "\n" : ",\n").append(" ".repeat(indent * depth));
        }
    }

    private static void close(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
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
            write(node, out, -1, 0);
        }
    }

    private static void reprString(String text, StringBuilder out) {
        out.append('\'').append(text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")).append('\'');
    }

    /** Parses a JSON text (strictly), or returns null when it is not JSON. */
    public static JsonNode readOrNull(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
