package dev.signet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The type of a signature field, as the adapters see it. Generated predictors build these from the Java
 * types the processor checked at compile time; no reflection is needed at run time.
 */
public final class FieldType {
    /** The family of a field type. */
    public enum Kind {
        STRING,
        INT,
        LONG,
        DOUBLE,
        BOOLEAN,
        ENUM,
        LIST
    }

    /** {@code String}. */
    public static final FieldType STRING = new FieldType(Kind.STRING, "str", null, List.of());
    /** {@code int} and {@code Integer}. */
    public static final FieldType INT = new FieldType(Kind.INT, "int", null, List.of());
    /** {@code long} and {@code Long}. */
    public static final FieldType LONG = new FieldType(Kind.LONG, "int", null, List.of());
    /** {@code double} and {@code Double}. */
    public static final FieldType DOUBLE = new FieldType(Kind.DOUBLE, "float", null, List.of());
    /** {@code boolean} and {@code Boolean}. */
    public static final FieldType BOOLEAN = new FieldType(Kind.BOOLEAN, "bool", null, List.of());

    private final Kind kind;
    private final String pythonName;
    private final FieldType element;
    private final List<Enum<?>> constants;

    private FieldType(Kind kind, String pythonName, FieldType element, List<Enum<?>> constants) {
        this.kind = kind;
        this.pythonName = pythonName;
        this.element = element;
        this.constants = constants;
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
                Collections.unmodifiableList(new ArrayList<>(Arrays.asList(constants))));
    }

    /**
     * A list of values of another type.
     *
     * @param element the type of the elements
     * @return the field type
     */
    public static FieldType listOf(FieldType element) {
        Objects.requireNonNull(element, "element");
        return new FieldType(Kind.LIST, "list[" + element.pythonName + "]", element, List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** @return the type's name as DSPy prints it in the field list: {@code str}, {@code int}, {@code list[str]} */
    public String pythonName() {
        return pythonName;
    }

    /** @return the element type of a list */
    public Optional<FieldType> element() {
        return Optional.ofNullable(element);
    }

    /** @return the constants of an enum type, in declaration order; empty for other kinds */
    public List<Enum<?>> enumConstants() {
        return constants;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldType other
                && kind == other.kind
                && pythonName.equals(other.pythonName)
                && Objects.equals(element, other.element)
                && constants.equals(other.constants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, pythonName, element, constants);
    }

    @Override
    public String toString() {
        return pythonName;
    }
}
