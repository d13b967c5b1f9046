package dev.signet.processor;

import dev.signet.processor.Model.Field;
import dev.signet.processor.Model.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON Schema of a field type, computed at compile time and embedded in the generated signature
 * description, written exactly as the runtime's ChatAdapter shows it: Python's {@code json.dumps} separators,
 * {@code "type"} first and the other keys sorted in every schema object, record properties in declaration
 * order. The processor tests check that it equals what the runtime derives from the generated type tree.
 */
final class Schemas {
    private Schemas() {}

    /** @return the schema as JSON text */
    static String json(Type type) {
        StringBuilder out = new StringBuilder();
        write(schema(type), out);
        return out.toString();
    }

    /** A schema object: a sorted map (written with "type" first); record properties: an insertion-ordered one. */
    private static SortedMap<String, Object> schema(Type type) {
        SortedMap<String, Object> schema = new TreeMap<>();
        switch (type.kind()) {
            case STRING:
                schema.put("type", "string");
                break;
            case INT:
            case LONG:
                schema.put("type", "integer");
                break;
            case DOUBLE:
            case DECIMAL:
                schema.put("type", "number");
                break;
            case BOOLEAN:
                schema.put("type", "boolean");
                break;
            case DATE:
                schema.put("type", "string");
                schema.put("format", "date");
                break;
            case DATE_TIME:
            case INSTANT:
                schema.put("type", "string");
                schema.put("format", "date-time");
                break;
            case ENUM:
                schema.put("type", "string");
                schema.put("enum", new ArrayList<Object>(type.enumConstants()));
                schema.put("title", simpleName(type));
                break;
            case LIST:
            case SET:
                schema.put("type", "array");
                schema.put("items", schema(type.element()));
                if (type.kind() == Model.Kind.SET) {
                    schema.put("uniqueItems", Boolean.TRUE);
                }
                break;
            case MAP:
                schema.put("type", "object");
                schema.put("additionalProperties", schema(type.element()));
                break;
            case OPTIONAL: {
                SortedMap<String, Object> none = new TreeMap<>();
                none.put("type", "null");
                schema.put("anyOf", List.of(schema(type.element()), none));
                break;
            }
            case RECORD: {
                Map<String, Object> properties = new LinkedHashMap<>();
                List<Object> required = new ArrayList<>();
                for (Field component : type.components()) {
                    SortedMap<String, Object> property = schema(component.type());
                    if (!component.description().isEmpty()) {
                        property.put("description", component.description());
                    }
                    properties.put(component.name(), property);
                    if (component.type().kind() != Model.Kind.OPTIONAL) {
                        required.add(component.name());
                    }
                }
                schema.put("type", "object");
                schema.put("properties", properties);
                schema.put("required", required);
                schema.put("title", simpleName(type));
                break;
            }
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
        return schema;
    }

    private static String simpleName(Type type) {
        List<String> names = type.declared().simpleNames();
        return names.get(names.size() - 1);
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof SortedMap<?, ?> schema) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>();
            if (schema.containsKey("type")) {
                entries.add(Map.entry("type", schema.get("type")));
            }
            schema.forEach((key, v) -> {
                if (!key.equals("type")) {
                    entries.add(Map.entry(key, v));
                }
            });
            writeObject(entries, out);
        } else if (value instanceof Map<?, ?> ordered) {
            writeObject(new ArrayList<>(ordered.entrySet()), out);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else {
            out.append(quote(String.valueOf(value)));
        }
    }

    private static void writeObject(List<Map.Entry<?, ?>> entries, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(String.valueOf(entries.get(i).getKey()))).append(": ");
            write(entries.get(i).getValue(), out);
        }
        out.append('}');
    }

    /** A JSON string as Python's {@code json.dumps(..., ensure_ascii=False)} writes it. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
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
        return out.append('"').toString();
    }
}
