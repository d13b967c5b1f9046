package dev.signet.processor;

import dev.signet.rules.Constraint;
import dev.signet.rules.TypeShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain model of a signature that the generator works from: names and values only, never
 * {@code Element}s, which are not valid across rounds.
 */
final class Model {
    private Model() {}

    /** A class by package and simple names, outermost first ({@code Outer}, {@code Inner}). */
    record ClassRef(String packageName, List<String> simpleNames) {
        ClassRef {
            simpleNames = List.copyOf(simpleNames);
        }

        String qualifiedName() {
            return (packageName.isEmpty() ? "" : packageName + ".") + String.join(".", simpleNames);
        }
    }

    /** The families of supported field types. */
    enum Kind {
        STRING,
        INT,
        LONG,
        DOUBLE,
        BOOLEAN,
        DECIMAL,
        DATE,
        DATE_TIME,
        INSTANT,
        ENUM,
        LIST,
        SET,
        MAP,
        OPTIONAL,
        /** An Optional whose DSPy twin is written {@code T | None} ({@code pipeUnion}). */
        OR_NONE,
        /** A String restricted to fixed values ({@code oneOf}), held in {@code enumConstants}. */
        LITERAL,
        RECORD,
        /** {@code dev.signet.core.Image}: an input field, or an Optional one, only. */
        IMAGE,
        /** {@code dev.signet.core.FileInput}: an input field, or an Optional one, only. */
        FILE
    }

    /**
     * A supported field type.
     *
     * @param kind the family
     * @param primitive whether it is the primitive form ({@code int}) rather than the box
     * @param declared the enum or record class, for {@link Kind#ENUM} and {@link Kind#RECORD}
     * @param element the element type of a list, set, map (its values) or optional
     * @param components the components of a record, in order
     * @param enumConstants the constants of an enum, in declaration order, or the values of a literal
     */
    record Type(Kind kind, boolean primitive, ClassRef declared, Type element, List<Field> components,
            List<String> enumConstants) {
        Type {
            components = List.copyOf(components);
            enumConstants = List.copyOf(enumConstants);
        }

        static Type of(Kind kind, boolean primitive) {
            return new Type(kind, primitive, null, null, List.of(), List.of());
        }

        static Type container(Kind kind, Type element) {
            return new Type(kind, false, null, element, List.of(), List.of());
        }

        /** The type as the signature rules describe it: for its JSON Schema. */
        TypeShape shape() {
            switch (kind) {
                case STRING:
                    return TypeShape.scalar(TypeShape.Kind.STRING);
                case INT:
                case LONG:
                    return TypeShape.scalar(TypeShape.Kind.INTEGER);
                case DOUBLE:
                case DECIMAL:
                    return TypeShape.scalar(TypeShape.Kind.NUMBER);
                case BOOLEAN:
                    return TypeShape.scalar(TypeShape.Kind.BOOLEAN);
                case DATE:
                    return TypeShape.scalar(TypeShape.Kind.DATE);
                case DATE_TIME:
                case INSTANT:
                    return TypeShape.scalar(TypeShape.Kind.DATE_TIME);
                case ENUM:
                    return TypeShape.enumOf(declared.simpleNames().get(declared.simpleNames().size() - 1),
                            enumConstants);
                case LIST:
                    return TypeShape.of(TypeShape.Kind.LIST, element.shape());
                case SET:
                    return TypeShape.of(TypeShape.Kind.SET, element.shape());
                case MAP:
                    return TypeShape.of(TypeShape.Kind.MAP, element.shape());
                case OPTIONAL:
                    return TypeShape.of(TypeShape.Kind.OPTIONAL, element.shape());
                case OR_NONE:
                    return TypeShape.orNone(element.shape());
                case LITERAL:
                    return TypeShape.literalOf(enumConstants);
                case IMAGE:
                    return TypeShape.scalar(TypeShape.Kind.IMAGE);
                case FILE:
                    return TypeShape.scalar(TypeShape.Kind.FILE);
                case RECORD: {
                    List<TypeShape.Property> properties = new ArrayList<>();
                    for (Field component : components) {
                        properties.add(new TypeShape.Property(component.name(), component.description(),
                                component.type().shape(), component.constraints()));
                    }
                    return TypeShape.recordOf(declared.simpleNames().get(declared.simpleNames().size() - 1),
                            properties);
                }
                default:
                    throw new IllegalStateException("unknown kind " + kind);
            }
        }
    }

    /**
     * One input or output field.
     *
     * @param name the name in the prompt
     * @param javaName the parameter's or record component's name in Java
     * @param description the description, or empty
     * @param type the type
     * @param constraints its bounds, from Bean Validation annotations, in declaration order
     */
    record Field(String name, String javaName, String description, Type type, List<Constraint> constraints) {
        Field {
            constraints = List.copyOf(constraints);
        }

        Field(String name, String javaName, String description, Type type) {
            this(name, javaName, description, type, List.of());
        }
    }

    /**
     * The arguments record of a tool, ready to generate its type holder.
     *
     * @param record the record
     * @param holderName the simple name of the generated class, in the record's package
     * @param type the record's type
     */
    record ToolArgs(ClassRef record, String holderName, Type type) {}

    /**
     * One signature, ready to generate.
     *
     * @param signature the annotated interface
     * @param predictorName the simple name of the generated class, in the interface's package
     * @param instructions the instructions, or {@code null} for the runtime's default sentence
     * @param methodName the abstract method's name
     * @param inputs the input fields, in parameter order
     * @param outputs the output fields
     * @param outputRecord the record returned for several outputs, or {@code null} for a single output
     */
    record Signature(ClassRef signature, String predictorName, String instructions, String methodName,
            List<Field> inputs, List<Field> outputs, ClassRef outputRecord) {
        Signature {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }
}
