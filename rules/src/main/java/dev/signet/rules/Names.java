package dev.signet.rules;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What names a signature may use, and the names Signet derives from them: the rules that the processor checks at
 * compile time and the runtime checks for signatures built by hand.
 */
public final class Names {
    /** The marker that ends a ChatAdapter reply, {@code [[ ## completed ## ]]}; no field may take its name. */
    public static final String COMPLETED = "completed";

    /** The suffix of a generated predictor's class name. */
    public static final String PREDICTOR_SUFFIX = "Predictor";

    /**
     * The class-path resource where the processor lists the predictors it generated, one line each:
     * {@code <signature's qualified name>=<predictor's binary class name>}. The Maven plugin and the Spring starter
     * read it instead of guessing class names.
     */
    public static final String PREDICTOR_INDEX = "META-INF/signet/predictors";

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Names() {}

    /**
     * Why a name can't be a field's name in the prompt, if it can't.
     *
     * @param name the field's name
     * @return the problem, in words, or empty when the name is fine
     */
    public static Optional<String> fieldNameProblem(String name) {
        if (!FIELD_NAME.matcher(name).matches()) {
            return Optional.of("the field name '" + name
                    + "' must be letters, digits and underscores, not starting with a digit");
        }
        if (name.equals(COMPLETED)) {
            return Optional.of("the field name '" + COMPLETED + "' is reserved for the end-of-reply marker "
                    + "[[ ## completed ## ]]");
        }
        return Optional.empty();
    }

    /**
     * The simple name of the predictor class generated for a signature interface: its enclosing class names and
     * its own, joined by {@code _}, then {@value #PREDICTOR_SUFFIX}: {@code Outer.Inner} gives
     * {@code Outer_InnerPredictor}.
     *
     * @param simpleNames the interface's simple name and those of its enclosing classes, outermost first
     * @return the predictor's simple name, in the interface's package
     */
    public static String predictorSimpleName(List<String> simpleNames) {
        if (simpleNames.isEmpty()) {
            throw new IllegalArgumentException("a signature has at least one simple name");
        }
        return String.join("_", simpleNames) + PREDICTOR_SUFFIX;
    }
}
