package dev.signet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.core.Field;
import dev.signet.core.FieldType.Component;
import dev.signet.core.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema of a reply under OpenAI's strict structured-output rules, for the JsonAdapter's
 * {@code response_format}: every property required (an {@code Optional} one as nullable),
 * {@code additionalProperties: false} on every object, records inline, no {@code uniqueItems}, no titles. Not public
 * API.
 */
public final class StrictSchema {
    private static final JsonNodeFactory NODES = Json.NODES;

    private StrictSchema() {}

    /**
     * @param schema the reply's schema
     * @param strict whether strict mode can enforce it (not when a map with free keys, or any value, appears)
     */
    public record Result(ObjectNode schema, boolean strict) {}

    /** The schema of an object with a property per field, in order. */
    public static Result of(List<Field> fields) {
        List<Property> properties = new ArrayList<>();
        fields.forEach(f -> properties.add(new Property(f.name(), f.description(), f.type())));
        boolean[] strict = {true};
        return new Result(object(properties, strict), strict[0]);
    }

    private record Property(String name, String description, FieldType type) {}

    private static ObjectNode object(List<Property> properties, boolean[] strict) {
        ObjectNode object = NODES.objectNode();
        object.put("type", "object");
        ObjectNode props = object.putObject("properties");
        ArrayNode required = object.putArray("required");
        for (Property property : properties) {
            ObjectNode schema = schema(property.type(), strict);
            if (!property.description().isEmpty()) {
                schema.put("description", property.description());
            }
            props.set(property.name(), schema);
            required.add(property.name());
        }
        object.put("additionalProperties", false);
        return object;
    }

    private static ObjectNode schema(FieldType type, boolean[] strict) {
        ObjectNode schema = NODES.objectNode();
        switch (type.kind()) {
            case STRING:
                return schema.put("type", "string");
            case INT:
            case LONG:
                return schema.put("type", "integer");
            case DOUBLE:
            case DECIMAL:
                return schema.put("type", "number");
            case BOOLEAN:
                return schema.put("type", "boolean");
            case DATE:
                return schema.put("type", "string").put("format", "date");
            case DATE_TIME:
            case INSTANT:
                return schema.put("type", "string").put("format", "date-time");
            case ENUM: {
                ArrayNode values = schema.put("type", "string").putArray("enum");
                type.enumConstants().forEach(c -> values.add(c.name()));
                return schema;
            }
            case LITERAL: {
                ArrayNode values = schema.put("type", "string").putArray("enum");
                type.literalValues().forEach(values::add);
                return schema;
            }
            case LIST:
            case SET:
                schema.put("type", "array");
                schema.set("items", schema(type.element().orElseThrow(), strict));
                return schema;
            case MAP:
                strict[0] = false;
                schema.put("type", "object");
                JsonNode values = type.element().orElseThrow().kind() == FieldType.Kind.ANY
                        ? NODES.booleanNode(true)
                        : schema(type.element().orElseThrow(), strict);
                schema.set("additionalProperties", values);
                return schema;
            case OPTIONAL: {
                ArrayNode anyOf = schema.putArray("anyOf");
                anyOf.add(schema(type.element().orElseThrow(), strict));
                anyOf.add(NODES.objectNode().put("type", "null"));
                return schema;
            }
            case RECORD: {
                List<Property> properties = new ArrayList<>();
                for (Component component : type.components()) {
                    properties.add(new Property(component.name(), component.description(), component.type()));
                }
                return object(properties, strict);
            }
            case ANY:
                strict[0] = false; // strict mode can't accept an arbitrary value
                return schema;
            default:
                throw new IllegalStateException("unknown kind " + type.kind());
        }
    }
}
