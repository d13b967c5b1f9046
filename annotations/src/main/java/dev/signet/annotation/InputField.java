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
}
