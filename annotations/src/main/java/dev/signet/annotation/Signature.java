package dev.signet.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as an LLM signature: its one abstract method's parameters are the input fields and
 * its return value (a single value, or a record whose components are the fields) is the output.
 *
 * <p>At compile time the Signet annotation processor generates, in the same package, a predictor class
 * implementing the interface: {@code QAPredictor} for {@code QA}. For an interface nested in other types
 * the enclosing simple names are joined with underscores: {@code Outer.QA} gives {@code Outer_QAPredictor}.
 *
 * <pre>{@code
 * @Signature("Answer questions with short factoid answers.")
 * public interface QA {
 *     @OutputField(desc = "often between 1 and 5 words")
 *     String answer(@InputField(desc = "a trivia question") String question);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Signature {
    /**
     * The task instructions. When empty, the interface's Javadoc is used; when that is absent too, a default
     * sentence naming the input and output fields (the one DSPy uses).
     *
     * @return the instructions, or empty
     */
    String value() default "";
}
