package dev.signet.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON Schema of a field type exactly as DSPy shows it in an output's type note
 * ({@code # note: the value you produce must adhere to the JSON schema: ...}): pydantic's
 * {@code TypeAdapter(t).json_schema()} for the Python twin of the type, with every object's keys sorted and
 * {@code "type"} moved first, written like {@code json.dumps(..., ensure_ascii=False)}.
 *
 * <p>As pydantic writes it: records and enums nested in a record are {@code $defs} of the outermost schema,
 * referred to by {@code $ref}; record properties have a {@code title} (the name, title-cased) unless they refer to a
 * record or enum; an {@code Optional} component has {@code "default": null} and is not required; a set has
 * {@code "uniqueItems": true}; a map of anything has {@code "additionalProperties": true}.
 */
public final class Schemas {
    private static final String REF_PREFIX = "#/$defs/";

    private Schemas() {}

    /** @return the schema as JSON text, as the type note shows it */
    public static String json(TypeShape type) {
        StringBuilder out = new StringBuilder();
        write(tree(type), out);
        return out.toString();
    }

    /**
     * The schema as a tree: sorted maps ({@link TreeMap}; write {@code "type"} first), lists, strings, booleans,
     * numbers ({@link BigDecimal}) and {@code null}.
     */
    public static Map<String, Object> tree(TypeShape type) {
        Map<String, Map<String, Object>> defs = new TreeMap<>();
        Map<String, Object> schema = type.kind() == TypeShape.Kind.RECORD || type.kind() == TypeShape.Kind.ENUM
                ? definition(type, defs, new LinkedHashSet<>())
                : schema(type, defs, new LinkedHashSet<>());
        if (!defs.isEmpty()) {
            schema.put("$defs", new TreeMap<>(defs));
        }
        return schema;
    }

    /** The schema where the type is used: nested records and enums become references to a definition. */
    private static Map<String, Object> schema(TypeShape type, Map<String, Map<String, Object>> defs,
            Set<String> inProgress) {
        Map<String, Object> schema = new TreeMap<>();
        switch (type.kind()) {
            case STRING:
                schema.put("type", "string");
                break;
            case INTEGER:
                schema.put("type", "integer");
                break;
            case NUMBER:
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
                schema.put("type", "string");
                schema.put("format", "date-time");
                break;
            case ANY:
                break;
            case IMAGE:
            case FILE:
                schema.put("type", "string");
                schema.put("format", "uri");
                break;
            case LITERAL:
                schema.put("type", "string");
                schema.put("enum", new ArrayList<Object>(type.values()));
                break;
            case LIST:
            case SET:
                schema.put("type", "array");
                schema.put("items", schema(type.element(), defs, inProgress));
                if (type.kind() == TypeShape.Kind.SET) {
                    schema.put("uniqueItems", Boolean.TRUE);
                }
                break;
            case MAP:
                schema.put("type", "object");
                schema.put("additionalProperties", type.element().kind() == TypeShape.Kind.ANY
                        ? Boolean.TRUE
                        : schema(type.element(), defs, inProgress));
                break;
            case OPTIONAL:
                schema.put("anyOf", List.of(schema(type.element(), defs, inProgress), Map.of("type", "null")));
                break;
            case ENUM:
            case RECORD:
                if (!defs.containsKey(type.name()) && !inProgress.contains(type.name())) {
                    defs.put(type.name(), definition(type, defs, inProgress));
                }
                schema.put("$ref", REF_PREFIX + type.name());
                break;
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
        return schema;
    }

    /** A record's or an enum's own schema, as its definition (or the outermost schema) holds it. */
    private static Map<String, Object> definition(TypeShape type, Map<String, Map<String, Object>> defs,
            Set<String> inProgress) {
        Map<String, Object> schema = new TreeMap<>();
        if (type.kind() == TypeShape.Kind.ENUM) {
            schema.put("type", "string");
            schema.put("enum", new ArrayList<Object>(type.values()));
            schema.put("title", type.name());
            return schema;
        }
        inProgress.add(type.name());
        Map<String, Object> properties = new TreeMap<>();
        List<Object> required = new ArrayList<>();
        for (TypeShape.Property property : type.properties()) {
            Map<String, Object> value = schema(property.type(), defs, inProgress);
            boolean optional = property.type().kind() == TypeShape.Kind.OPTIONAL;
            constrain(optional ? firstBranch(value) : value, property);
            if (optional) {
                value.put("default", null);
            } else {
                required.add(property.name());
            }
            if (!property.description().isEmpty()) {
                value.put("description", property.description());
            }
            if (titled(property.type())) {
                value.put("title", PythonText.fieldTitle(property.name()));
            }
            properties.put(property.name(), value);
        }
        inProgress.remove(type.name());
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("title", type.name());
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstBranch(Map<String, Object> optional) {
        Object first = ((List<Object>) optional.get("anyOf")).get(0);
        return first instanceof TreeMap<?, ?> ? (Map<String, Object>) first : new TreeMap<>();
    }

    /** pydantic's {@code field_title_should_be_set}: not for what has a title of its own (records, enums). */
    private static boolean titled(TypeShape type) {
        switch (type.kind()) {
            case RECORD:
            case ENUM:
                return false;
            case OPTIONAL:
                return titled(type.element());
            default:
                return true;
        }
    }

    /** A component's bounds as pydantic writes them into its schema. */
    private static void constrain(Map<String, Object> schema, TypeShape.Property property) {
        boolean items = property.type().kind() == TypeShape.Kind.LIST || property.type().kind() == TypeShape.Kind.SET;
        for (Constraint constraint : property.constraints()) {
            String key = constraint.kind().schemaKey();
            if (items && key.equals("minLength")) {
                key = "minItems";
            } else if (items && key.equals("maxLength")) {
                key = "maxItems";
            }
            schema.put(key, new BigDecimal(constraint.value()));
        }
    }

    /** Writes a schema tree like {@code json.dumps(..., ensure_ascii=False)}, {@code "type"} first in each object. */
    public static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>();
            if (map.containsKey("type")) {
                entries.add(Map.entry("type", map.get("type")));
            }
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                if (!entry.getKey().equals("type")) {
                    entries.add(entry);
                }
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                PythonText.jsonQuote(String.valueOf(entries.get(i).getKey()), out);
                out.append(": ");
                write(entries.get(i).getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (value instanceof BigDecimal number) {
            String plain = number.toPlainString();
            out.append(plain.indexOf('.') < 0 ? plain : PythonText.floatRepr(number.doubleValue()));
        } else if (value instanceof Number number) {
            out.append(number);
        } else {
            PythonText.jsonQuote(String.valueOf(value), out);
        }
    }
}
