package dev.signet.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the arguments of a ReAct tool. The processor checks its components like signature fields
 * and generates, in the same package, a class holding its field type: {@code SearchArgsType.TYPE} for
 * {@code SearchArgs} ({@code Outer_SearchArgsType} when nested), for {@code Tool.of(...)}.
 *
 * <pre>{@code
 * @ToolArgs
 * record SearchArgs(@InputField(desc = "what to look up") String query) {}
 *
 * Tool search = Tool.of("search", "Look a topic up.", SearchArgsType.TYPE, (SearchArgs a) -> index.find(a.query()));
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ToolArgs {}
