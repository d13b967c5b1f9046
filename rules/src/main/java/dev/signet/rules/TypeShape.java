package dev.signet.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A field's type as the prompt describes it, with nothing of Java in it: the description from which both the
 * processor (from the compiled types) and the runtime (from its {@code FieldType}) derive the Python type name
 * and the JSON Schema the model is shown, so that the two can't disagree.
 *
 * @param kind the family
 * @param name the class's simple name, for {@link Kind#ENUM} and {@link Kind#RECORD}; for {@link Kind#OPTIONAL},
 *     {@code UnionType} when the twin is annotated {@code T | None} (see {@link #orNone}); else empty
 * @param element the element type of a list, set, map (its values) or optional; else {@code null}
 * @param values the constants of an enum or the values of a literal, in order
 * @param properties the components of a record, in order
 */
public record TypeShape(Kind kind, String name, TypeShape element, List<String> values, List<Property> properties) {
    /** The families of field types. */
    public enum Kind {
        STRING, INTEGER, NUMBER, BOOLEAN, DATE, DATE_TIME, ENUM, LITERAL, LIST, SET, MAP, OPTIONAL, RECORD,
        /** Any JSON value, Python's {@code Any}. */
        ANY,
        /** An image, DSPy's {@code dspy.Image}: an input field only. */
        IMAGE,
        /** A file, DSPy's {@code dspy.File}: an input field only. */
        FILE
    }

    /**
     * One component of a record type.
     *
     * @param name its name, the JSON property's
     * @param description what it holds, or empty
     * @param type its type
     * @param constraints its bounds, in declaration order
     */
    public record Property(String name, String description, TypeShape type, List<Constraint> constraints) {
        public Property {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(type, "type");
            constraints = List.copyOf(constraints);
        }

        /** A component without constraints. */
        public Property(String name, String description, TypeShape type) {
            this(name, description, type, List.of());
        }
    }

    public TypeShape {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        properties = List.copyOf(properties);
        boolean container = kind == Kind.LIST || kind == Kind.SET || kind == Kind.MAP || kind == Kind.OPTIONAL;
        if (container != (element != null)) {
            throw new IllegalArgumentException(kind + (container ? " needs" : " takes no") + " element type");
        }
        if (kind == Kind.OPTIONAL && element.kind == Kind.OPTIONAL) {
            throw new IllegalArgumentException("an optional of an optional is not a field type");
        }
        if ((kind == Kind.ENUM || kind == Kind.RECORD) && name.isEmpty()) {
            throw new IllegalArgumentException(kind + " needs its class's simple name");
        }
    }

    /** A type of one of the scalar kinds, or {@link Kind#ANY}. */
    public static TypeShape scalar(Kind kind) {
        return new TypeShape(kind, "", null, List.of(), List.of());
    }

    /** A list, set, map (of string keys) or optional of another type. */
    public static TypeShape of(Kind container, TypeShape element) {
        return new TypeShape(container, "", Objects.requireNonNull(element, "element"), List.of(), List.of());
    }

    /**
     * An optional written {@code T | None} in the DSPy twin, which DSPy names {@code UnionType[T, NoneType]}; the
     * same as {@code of(Kind.OPTIONAL, element)} in every other way.
     */
    public static TypeShape orNone(TypeShape element) {
        return new TypeShape(Kind.OPTIONAL, "UnionType", Objects.requireNonNull(element, "element"), List.of(),
                List.of());
    }

    /** An enum whose constants the model writes by name. */
    public static TypeShape enumOf(String simpleName, List<String> constants) {
        return new TypeShape(Kind.ENUM, simpleName, null, constants, List.of());
    }

    /** One of fixed strings, Python's {@code Literal['a', 'b']}. */
    public static TypeShape literalOf(List<String> values) {
        return new TypeShape(Kind.LITERAL, "", null, values, List.of());
    }

    /** A record, a pydantic model in DSPy's twin. */
    public static TypeShape recordOf(String simpleName, List<Property> properties) {
        return new TypeShape(Kind.RECORD, simpleName, null, List.of(), properties);
    }

    /**
     * The type's name as DSPy prints it in the field list ({@code get_annotation_name}): {@code str},
     * {@code int}, {@code float}, {@code bool}, {@code date}, {@code datetime}, {@code list[str]},
     * {@code set[int]}, {@code dict[str, float]}, {@code Union[str, NoneType]} ({@code UnionType[str, NoneType]}
     * for {@code str | None}), {@code Literal['a', 'b']},
     * {@code Any}, {@code Image}, or the simple name of an enum or record.
     */
    public String pythonName() {
        switch (kind) {
            case STRING:
                return "str";
            case INTEGER:
                return "int";
            case NUMBER:
                return "float";
            case BOOLEAN:
                return "bool";
            case DATE:
                return "date";
            case DATE_TIME:
                return "datetime";
            case ANY:
                return "Any";
            case IMAGE:
                return "Image";
            case FILE:
                return "File";
            case ENUM:
            case RECORD:
                return name;
            case LIST:
                return "list[" + element.pythonName() + "]";
            case SET:
                return "set[" + element.pythonName() + "]";
            case MAP:
                return "dict[str, " + element.pythonName() + "]";
            case OPTIONAL:
                return (name.isEmpty() ? "Union" : name) + "[" + element.pythonName() + ", NoneType]";
            case LITERAL: {
                List<String> quoted = new ArrayList<>();
                values.forEach(v -> quoted.add(PythonText.literalRepr(v)));
                return "Literal[" + String.join(", ", quoted) + "]";
            }
            default:
                throw new IllegalStateException("unknown kind " + kind);
        }
    }
}
