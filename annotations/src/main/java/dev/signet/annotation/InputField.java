package dev.signet.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an input field of a {@link Signature}: a parameter of its method. Optional: every parameter is an
 * input field, named as in source.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface InputField {
    /**
     * What the field holds, shown to the model in the field list.
     *
     * @return the description, or empty for none
     */
    String desc() default "";

    /**
     * The field's name in the prompt, when it must differ from the parameter's name. Letters, digits and
     * underscores, not starting with a digit.
     *
     * @return the name, or empty to use the parameter's name
     */
    String name() default "";

    /**
     * The only values the field may take, for a {@code String} (or {@code Optional<String>}) field: Python's
     * {@code Literal['a', 'b']}. The model is told to write one of them exactly. Use an enum
     * instead when the values are fixed in Java code; this is for a DSPy twin whose field is a {@code Literal}.
     *
     * @return the values, or none for any string
     */
    String[] oneOf() default {};

    /**
     * For an {@code Optional} field whose DSPy twin is annotated {@code T | None} rather than
     * {@code Optional[T]}: DSPy then names the type {@code UnionType[T, NoneType]} in the prompt instead of
     * {@code Union[T, NoneType]}. Nothing else changes.
     *
     * @return whether the twin's annotation is {@code T | None}
     */
    boolean pipeUnion() default false;
}
