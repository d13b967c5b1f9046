package dev.signet.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an output field of a {@link Signature}: on the method for a single output (named after the
 * method), or on the components of the record the method returns. Optional.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface OutputField {
    /**
     * What the model should produce, shown to the model in the field list.
     *
     * @return the description, or empty for none
     */
    String desc() default "";

    /**
     * The field's name in the prompt, when it must differ from the method's or component's name. Letters,
     * digits and underscores, not starting with a digit.
     *
     * @return the name, or empty to use the element's name
     */
    String name() default "";
}
