package dev.signet;

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
 * {@code List}, {@code Set} or {@code Map<String, ?>} of element values; an {@code Optional}; a record.
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
        ANY
    }

    /** {@code String}. */
    public static final FieldType STRING = scalar(Kind.STRING, "str");
    /** {@code int} and {@code Integer}. */
    public static final FieldType INT = scalar(Kind.INT, "int");
    /** {@code long} and {@code Long}. */
    public static final FieldType LONG = scalar(Kind.LONG, "int");
    /** {@code double} and {@code Double}. */
    public static final FieldType DOUBLE = scalar(Kind.DOUBLE, "float");
    /** {@code boolean} and {@code Boolean}. */
    public static final FieldType BOOLEAN = scalar(Kind.BOOLEAN, "bool");
    /** {@code java.math.BigDecimal}: exact decimals, written and read without a detour through binary floats. */
    public static final FieldType DECIMAL = scalar(Kind.DECIMAL, "float");
    /** {@code java.time.LocalDate}, ISO {@code 2024-01-31}. */
    public static final FieldType DATE = scalar(Kind.DATE, "date");
    /** {@code java.time.LocalDateTime}, ISO {@code 2024-01-31T10:15:30}. */
    public static final FieldType DATE_TIME = scalar(Kind.DATE_TIME, "datetime");
    /** {@code java.time.Instant}, ISO {@code 2024-01-31T10:15:30Z}. */
    public static final FieldType INSTANT = scalar(Kind.INSTANT, "datetime");
    /**
     * Any JSON value, as plain Java values ({@code String}, {@code Integer}/{@code Long}/{@code BigDecimal},
     * {@code Boolean}, {@code List}, {@code Map}, {@code null}); Python's {@code Any}. Used by ReAct's tool
     * arguments.
     */
    public static final FieldType ANY = scalar(Kind.ANY, "Any");

    private final Kind kind;
    private final String pythonName;
    private final FieldType element;
    private final List<Enum<?>> constants;
    private final RecordShape<?> record;
    private final List<String> literals;

    private FieldType(Kind kind, String pythonName, FieldType element, List<Enum<?>> constants,
            RecordShape<?> record) {
        this(kind, pythonName, element, constants, record, List.of());
    }

    private FieldType(Kind kind, String pythonName, FieldType element, List<Enum<?>> constants,
            RecordShape<?> record, List<String> literals) {
        this.kind = kind;
        this.pythonName = pythonName;
        this.element = element;
        this.constants = constants;
        this.record = record;
        this.literals = literals;
    }

    /** @return the values of a literal type, in order; empty for other kinds */
    public List<String> literalValues() {
        return literals;
    }

    private static FieldType scalar(Kind kind, String pythonName) {
        return new FieldType(kind, pythonName, null, List.of(), null);
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
        return new FieldType(Kind.ENUM, type.getSimpleName(), null,
                Collections.unmodifiableList(new ArrayList<>(Arrays.asList(constants))), null);
    }

    /**
     * One of fixed strings, Python's {@code Literal['a', 'b']}: an enum whose constants are known only at run
     * time (ReAct's tool names).
     */
    public static FieldType literalOf(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a literal type needs at least one value");
        }
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add("'" + v + "'"));
        return new FieldType(Kind.LITERAL, "Literal[" + String.join(", ", quoted) + "]", null, List.of(), null,
                List.copyOf(values));
    }

    /** A {@code List} of values of another type. */
    public static FieldType listOf(FieldType element) {
        return container(Kind.LIST, "list[" + element.pythonName + "]", element);
    }

    /** A {@code Set} of values of another type; DSPy calls it a list too. */
    public static FieldType setOf(FieldType element) {
        return container(Kind.SET, "list[" + element.pythonName + "]", element);
    }

    /** A {@code Map} from {@code String} keys to values of another type. */
    public static FieldType mapOf(FieldType element) {
        return container(Kind.MAP, "dict[str, " + element.pythonName + "]", element);
    }

    /**
     * An {@code Optional}: an output the model may leave empty (as {@code None}), or an input that may be
     * absent.
     */
    public static FieldType optionalOf(FieldType element) {
        if (Objects.requireNonNull(element, "element").kind == Kind.OPTIONAL) {
            throw new IllegalArgumentException("an Optional of an Optional is not a field type");
        }
        return container(Kind.OPTIONAL, "Union[" + element.pythonName + ", NoneType]", element);
    }

    private static FieldType container(Kind kind, String pythonName, FieldType element) {
        Objects.requireNonNull(element, "element");
        return new FieldType(kind, pythonName, element, List.of(), null);
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
            Function<ComponentValues, R> constructor, Function<R, List<Object>> accessor) {
        RecordShape<R> shape = new RecordShape<>(type, components, constructor, accessor);
        return new FieldType(Kind.RECORD, type.getSimpleName(), null, List.of(), shape);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * @return the type's name as DSPy prints it in the field list: {@code str}, {@code int}, {@code list[str]},
     *     {@code dict[str, float]}, {@code Union[str, NoneType]}, the simple name of an enum or record
     */
    public String pythonName() {
        return pythonName;
    }

    /** @return the element type of a list, set, map (its values) or optional */
    public Optional<FieldType> element() {
        return Optional.ofNullable(element);
    }

    /** @return the constants of an enum type, in declaration order; empty for other kinds */
    public List<Enum<?>> enumConstants() {
        return constants;
    }

    /** @return the components of a record type, in declaration order; empty for other kinds */
    public List<Component> components() {
        return record == null ? List.of() : record.components;
    }

    /** @return the class of a record type */
    public Optional<Class<?>> recordClass() {
        return record == null ? Optional.empty() : Optional.of(record.type);
    }

    /**
     * Builds a record of this type from its component values, in order (used when parsing).
     *
     * @throws IllegalStateException if this is not a record type
     */
    public Object newRecord(List<Object> values) {
        if (record == null) {
            throw new IllegalStateException(pythonName + " is not a record type");
        }
        return record.constructor.apply(new ComponentValues(values));
    }

    /**
     * Reads the component values of a record of this type, in order (used when formatting).
     *
     * @throws IllegalStateException if this is not a record type
     */
    public List<Object> recordValues(Object value) {
        if (record == null) {
            throw new IllegalStateException(pythonName + " is not a record type");
        }
        return record.read(value);
    }

    /** @return whether values of this type are written as JSON (lists, sets, maps, records) */
    public boolean isStructured() {
        switch (kind) {
            case LIST:
            case SET:
            case MAP:
            case RECORD:
            case ANY:
                return true;
            case OPTIONAL:
                return element.isStructured();
            default:
                return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldType other
                && kind == other.kind
                && pythonName.equals(other.pythonName)
                && Objects.equals(element, other.element)
                && constants.equals(other.constants)
                && literals.equals(other.literals)
                && Objects.equals(record == null ? null : record.type, other.record == null ? null : other.record.type)
                && components().equals(other.components());
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, pythonName, element, constants, components());
    }

    @Override
    public String toString() {
        return pythonName;
    }

    /**
     * One component of a record type.
     *
     * @param name the component's name, the JSON property's name
     * @param description what it holds (from {@code @OutputField}/{@code @InputField} or Javadoc), or empty
     * @param type its type
     */
    public record Component(String name, String description, FieldType type) {
        public Component {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The component values a generated record constructor reads, in declaration order. */
    public static final class ComponentValues {
        private final List<Object> values;

        ComponentValues(List<Object> values) {
            this.values = values;
        }

        /**
         * @param index the component's position
         * @param <T> the component's Java type, which generated code states
         * @return the value
         */
        @SuppressWarnings("unchecked")
        public <T> T get(int index) {
            return (T) values.get(index);
        }
    }

    private static final class RecordShape<R> {
        final Class<R> type;
        final List<Component> components;
        final Function<ComponentValues, R> constructor;
        final Function<R, List<Object>> accessor;

        RecordShape(Class<R> type, List<Component> components, Function<ComponentValues, R> constructor,
                Function<R, List<Object>> accessor) {
            this.type = Objects.requireNonNull(type, "type");
            this.components = List.copyOf(components);
            this.constructor = Objects.requireNonNull(constructor, "constructor");
            this.accessor = Objects.requireNonNull(accessor, "accessor");
        }

        List<Object> read(Object value) {
            return accessor.apply(type.cast(value));
        }
    }
}
