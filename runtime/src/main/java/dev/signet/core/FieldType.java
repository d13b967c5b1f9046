package dev.signet.core;

import dev.signet.rules.Constraint;
import dev.signet.rules.Schemas;
import dev.signet.rules.TypeShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a signature field, as the adapters see it. Generated predictors build these from the Java
 * types the processor checked at compile time; no reflection is needed at run time (a record type carries
 * the generated code that builds and reads its instances).
 *
 * <p>Java values by kind: {@code String}; {@code Integer}, {@code Long}, {@code Double}, {@code Boolean};
 * {@code BigDecimal}; {@code LocalDate}, {@code LocalDateTime}, {@code Instant}; an enum constant; a
 * {@code List}, {@code Set} or {@code Map<String, ?>} of element values; an {@code Optional}; a record; an
 * {@link Image} or a {@link FileInput} (inputs only).
 */
public final class FieldType {
    /** The family of a field type. */
    public enum Kind {
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
        RECORD,
        LITERAL,
        ANY,
        /** An {@link Image}: an input field only. */
        IMAGE,
        /** A {@link FileInput}: an input field only. */
        FILE
    }

    /** {@code String}. */
    public static final FieldType STRING = scalar(Kind.STRING);
    /** {@code int} and {@code Integer}. */
    public static final FieldType INT = scalar(Kind.INT);
    /** {@code long} and {@code Long}. */
    public static final FieldType LONG = scalar(Kind.LONG);
    /** {@code double} and {@code Double}. */
    public static final FieldType DOUBLE = scalar(Kind.DOUBLE);
    /** {@code boolean} and {@code Boolean}. */
    public static final FieldType BOOLEAN = scalar(Kind.BOOLEAN);
    /** {@code java.math.BigDecimal}: exact decimals, written and read without a detour through binary floats. */
    public static final FieldType DECIMAL = scalar(Kind.DECIMAL);
    /** {@code java.time.LocalDate}, ISO {@code 2024-01-31}. */
    public static final FieldType DATE = scalar(Kind.DATE);
    /** {@code java.time.LocalDateTime}, ISO {@code 2024-01-31T10:15:30}. */
    public static final FieldType DATE_TIME = scalar(Kind.DATE_TIME);
    /** {@code java.time.Instant}, ISO {@code 2024-01-31T10:15:30Z}. */
    public static final FieldType INSTANT = scalar(Kind.INSTANT);
    /**
     * Any JSON value, as plain Java values ({@code String}, {@code Integer}/{@code Long}/{@code BigDecimal},
     * {@code Boolean}, {@code List}, {@code Map}, {@code null}); Python's {@code Any}. Used by ReAct's tool
     * arguments.
     */
    public static final FieldType ANY = scalar(Kind.ANY);
    /**
     * An {@link Image}, DSPy's {@code dspy.Image}: an input field, or an {@code Optional} one, written into the
     * prompt as DSPy's custom-type block and sent as an image part.
     */
    public static final FieldType IMAGE = scalar(Kind.IMAGE);
    /**
     * A {@link FileInput}, DSPy's {@code dspy.File}: an input field, or an {@code Optional} one, written into the
     * prompt as DSPy's custom-type block and sent as a file part.
     */
    public static final FieldType FILE = scalar(Kind.FILE);

    private final Kind kind;
    private final FieldType element;
    private final List<Enum<?>> constants;
    private final RecordShape<?> record;
    private final List<String> literals;
    /** For an OPTIONAL: whether the DSPy twin writes it {@code T | None}. */
    private final boolean orNone;
    private final TypeShape shape;
    private volatile String jsonSchema;

    private FieldType(Kind kind, FieldType element, List<Enum<?>> constants, RecordShape<?> record,
            List<String> literals) {
        this(kind, element, constants, record, literals, false);
    }

    private FieldType(Kind kind, FieldType element, List<Enum<?>> constants, RecordShape<?> record,
            List<String> literals, boolean orNone) {
        this.kind = kind;
        this.element = element;
        this.constants = constants;
        this.record = record;
        this.literals = literals;
        this.orNone = orNone;
        this.shape = toShape();
    }

    private static FieldType scalar(Kind kind) {
        return new FieldType(kind, null, List.of(), null, List.of());
    }

    /**
     * An enum type; the model sees and answers the constants' names.
     *
     * @param type the enum class
     * @param constants its constants, {@code Type.values()}
     * @param <E> the enum
     * @return the field type
     */
    @SafeVarargs
    public static <E extends Enum<E>> FieldType enumOf(Class<E> type, E... constants) {
        Objects.requireNonNull(type, "type");
        if (constants.length == 0) {
            throw new IllegalArgumentException("enum " + type.getName() + " has no constants");
        }
        return new FieldType(Kind.ENUM, null, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(constants))),
                new RecordShape<>(type, List.of(), null, null), List.of());
    }

    /**
     * One of fixed strings, Python's {@code Literal['a', 'b']}: an enum whose constants are known only at run
     * time (ReAct's tool names).
     */
    public static FieldType literalOf(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a literal type needs at least one value");
        }
        return new FieldType(Kind.LITERAL, null, List.of(), null, List.copyOf(values));
    }

    /** A {@code List} of values of another type. */
    public static FieldType listOf(FieldType element) {
        return container(Kind.LIST, element);
    }

    /** A {@code Set} of values of another type; DSPy's {@code set[T]}. */
    public static FieldType setOf(FieldType element) {
        return container(Kind.SET, element);
    }

    /** A {@code Map} from {@code String} keys to values of another type. */
    public static FieldType mapOf(FieldType element) {
        return container(Kind.MAP, element);
    }

    /**
     * An {@code Optional}: an output the model may leave empty (as {@code None}), or an input that may be
     * absent.
     */
    public static FieldType optionalOf(FieldType element) {
        if (Objects.requireNonNull(element, "element").kind == Kind.OPTIONAL) {
            throw new IllegalArgumentException("an Optional of an Optional is not a field type");
        }
        return container(Kind.OPTIONAL, element);
    }

    /**
     * An {@code Optional} whose DSPy twin is annotated {@code T | None}: DSPy names it
     * {@code UnionType[T, NoneType]} where {@link #optionalOf} is {@code Union[T, NoneType]}; otherwise the same.
     */
    public static FieldType orNone(FieldType element) {
        FieldType optional = optionalOf(element);
        return new FieldType(Kind.OPTIONAL, optional.element, List.of(), null, List.of(), true);
    }

    private static FieldType container(Kind kind, FieldType element) {
        Objects.requireNonNull(element, "element");
        return new FieldType(kind, element, List.of(), null, List.of());
    }

    /**
     * A record type. Generated code passes the functions that build and read the record, so that nothing is
     * looked up by reflection.
     *
     * @param type the record class
     * @param components its components, in declaration order
     * @param constructor builds a record from its component values, in order
     * @param accessor reads a record's component values, in order
     * @param <R> the record
     * @return the field type
     */
    public static <R extends Record> FieldType recordOf(Class<R> type, List<Component> components,
            Function<List<Object>, R> constructor, Function<R, List<Object>> accessor) {
        Objects.requireNonNull(constructor, "constructor");
        Objects.requireNonNull(accessor, "accessor");
        return new FieldType(Kind.RECORD, null, List.of(), new RecordShape<>(type, components, constructor, accessor),
                List.of());
    }

    public Kind kind() {
        return kind;
    }

    /**
     * @return the type's name as DSPy prints it in the field list: {@code str}, {@code int}, {@code list[str]},
     *     {@code set[int]}, {@code dict[str, float]}, {@code Union[str, NoneType]}, the simple name of an enum or
     *     record
     */
    public String pythonName() {
        return shape.pythonName();
    }

    /** @return the JSON Schema of this type as the prompt shows it (DSPy's, from pydantic) */
    public String jsonSchema() {
        String schema = jsonSchema;
        if (schema == null) {
            schema = Schemas.json(shape);
            jsonSchema = schema;
        }
        return schema;
    }

    /** @return the type as the signature rules describe it (for schemas and Python names) */
    public TypeShape shape() {
        return shape;
    }

    /** @return the element type of a list, set, map (its values) or optional */
    public Optional<FieldType> element() {
        return Optional.ofNullable(element);
    }

    /** @return the constants of an enum type, in declaration order; empty for other kinds */
    public List<Enum<?>> enumConstants() {
        return constants;
    }

    /** @return the values of a literal type, in order; empty for other kinds */
    public List<String> literalValues() {
        return literals;
    }

    /** @return the components of a record type, in declaration order; empty for other kinds */
    public List<Component> components() {
        return record == null ? List.of() : record.components;
    }

    /** @return the class of an enum or record type */
    public Optional<Class<?>> javaClass() {
        return record == null ? Optional.empty() : Optional.of(record.type);
    }

    /**
     * Builds a record of this type from its component values, in order (used when parsing).
     *
     * @throws IllegalStateException if this is not a record type
     */
    public Object newRecord(List<Object> values) {
        if (kind != Kind.RECORD) {
            throw new IllegalStateException(pythonName() + " is not a record type");
        }
        return record.create(values);
    }

    /**
     * Reads the component values of a record of this type, in order (used when formatting).
     *
     * @throws IllegalStateException if this is not a record type
     */
    public List<Object> recordValues(Object value) {
        if (kind != Kind.RECORD) {
            throw new IllegalStateException(pythonName() + " is not a record type");
        }
        return record.read(value);
    }

    /** @return whether values of this type are written as JSON (lists, sets, maps, records) */
    public boolean isStructured() {
        return switch (kind) {
            case LIST, SET, MAP, RECORD, ANY -> true;
            case OPTIONAL -> element.isStructured();
            default -> false;
        };
    }

    private TypeShape toShape() {
        return switch (kind) {
            case STRING -> TypeShape.scalar(TypeShape.Kind.STRING);
            case INT, LONG -> TypeShape.scalar(TypeShape.Kind.INTEGER);
            case DOUBLE, DECIMAL -> TypeShape.scalar(TypeShape.Kind.NUMBER);
            case BOOLEAN -> TypeShape.scalar(TypeShape.Kind.BOOLEAN);
            case DATE -> TypeShape.scalar(TypeShape.Kind.DATE);
            case DATE_TIME, INSTANT -> TypeShape.scalar(TypeShape.Kind.DATE_TIME);
            case ANY -> TypeShape.scalar(TypeShape.Kind.ANY);
            case IMAGE -> TypeShape.scalar(TypeShape.Kind.IMAGE);
            case FILE -> TypeShape.scalar(TypeShape.Kind.FILE);
            case ENUM -> TypeShape.enumOf(record.type.getSimpleName(), constants.stream().map(Enum::name).toList());
            case LITERAL -> TypeShape.literalOf(literals);
            case LIST -> TypeShape.of(TypeShape.Kind.LIST, element.shape);
            case SET -> TypeShape.of(TypeShape.Kind.SET, element.shape);
            case MAP -> TypeShape.of(TypeShape.Kind.MAP, element.shape);
            case OPTIONAL -> orNone ? TypeShape.orNone(element.shape)
                    : TypeShape.of(TypeShape.Kind.OPTIONAL, element.shape);
            case RECORD -> TypeShape.recordOf(record.type.getSimpleName(), record.components.stream()
                    .map(c -> new TypeShape.Property(c.name(), c.description(), c.type().shape, c.constraints()))
                    .toList());
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldType other
                && kind == other.kind
                && orNone == other.orNone
                && Objects.equals(element, other.element)
                && constants.equals(other.constants)
                && literals.equals(other.literals)
                && Objects.equals(record == null ? null : record.type, other.record == null ? null : other.record.type)
                && components().equals(other.components());
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, element, constants, literals, components(), orNone);
    }

    @Override
    public String toString() {
        return pythonName();
    }

    /**
     * One component of a record type.
     *
     * @param name the component's name, the JSON property's name
     * @param description what it holds (from {@code @OutputField}/{@code @InputField} or Javadoc), or empty
     * @param type its type
     * @param constraints bounds on its value, written into its JSON Schema as pydantic writes them
     */
    public record Component(String name, String description, FieldType type, List<Constraint> constraints) {
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(type, "type");
            constraints = List.copyOf(constraints);
        }

        /** A component without constraints. */
        public Component(String name, String description, FieldType type) {
            this(name, description, type, List.of());
        }
    }

    /** An enum's or a record's class; for a record, the generated code that builds and reads it. */
    private static final class RecordShape<R> {
        final Class<R> type;
        final List<Component> components;
        final Function<List<Object>, R> constructor;
        final Function<R, List<Object>> accessor;

        RecordShape(Class<R> type, List<Component> components, Function<List<Object>, R> constructor,
                Function<R, List<Object>> accessor) {
            this.type = Objects.requireNonNull(type, "type");
            this.components = List.copyOf(components);
            this.constructor = constructor;
            this.accessor = accessor;
        }

        Object create(List<Object> values) {
            return constructor.apply(Collections.unmodifiableList(new ArrayList<>(values)));
        }

        List<Object> read(Object value) {
            return accessor.apply(type.cast(value));
        }
    }
}
