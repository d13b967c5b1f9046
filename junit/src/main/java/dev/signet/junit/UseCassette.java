package dev.signet.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the cassette of a test method (or of every method of a class), relative to
 * {@code src/test/resources/signet-cassettes/}; by default {@code <TestClass>/<testMethod>.json}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface UseCassette {
    /** @return the cassette's path under {@code src/test/resources/signet-cassettes/} */
    String value();
}
