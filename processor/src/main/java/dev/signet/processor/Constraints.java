package dev.signet.processor;

import dev.signet.rules.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The bounds of a field from its Bean Validation annotations ({@code jakarta.validation.constraints} or
 * {@code javax.validation.constraints}), read by name so that the processor needs neither on its path:
 * {@code @Min(1)} is pydantic's {@code ge=1}, {@code @Size(max = 3)} its {@code max_length=3}, and so on.
 */
final class Constraints {
    private Constraints() {}

    /** The constraints among these annotations, in their order; others are ignored. */
    static List<Constraint> of(List<? extends AnnotationMirror> annotations, Elements elements) {
        List<Constraint> constraints = new ArrayList<>();
        for (AnnotationMirror mirror : annotations) {
            String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
            String simple;
            if (name.startsWith("jakarta.validation.constraints.")) {
                simple = name.substring("jakarta.validation.constraints.".length());
            } else if (name.startsWith("javax.validation.constraints.")) {
                simple = name.substring("javax.validation.constraints.".length());
            } else {
                continue;
            }
            Map<? extends ExecutableElement, ? extends AnnotationValue> values =
                    elements.getElementValuesWithDefaults(mirror);
            switch (simple) {
                case "Min":
                    constraints.add(new Constraint(Constraint.Kind.GE, text(values, "value")));
                    break;
                case "Max":
                    constraints.add(new Constraint(Constraint.Kind.LE, text(values, "value")));
                    break;
                case "DecimalMin":
                    constraints.add(new Constraint(bool(values, "inclusive") ? Constraint.Kind.GE : Constraint.Kind.GT,
                            text(values, "value")));
                    break;
                case "DecimalMax":
                    constraints.add(new Constraint(bool(values, "inclusive") ? Constraint.Kind.LE : Constraint.Kind.LT,
                            text(values, "value")));
                    break;
                case "Positive":
                    constraints.add(new Constraint(Constraint.Kind.GT, "0"));
                    break;
                case "PositiveOrZero":
                    constraints.add(new Constraint(Constraint.Kind.GE, "0"));
                    break;
                case "Negative":
                    constraints.add(new Constraint(Constraint.Kind.LT, "0"));
                    break;
                case "NegativeOrZero":
                    constraints.add(new Constraint(Constraint.Kind.LE, "0"));
                    break;
                case "Size": {
                    String min = text(values, "min");
                    String max = text(values, "max");
                    if (!min.equals("0")) {
                        constraints.add(new Constraint(Constraint.Kind.MIN_LENGTH, min));
                    }
                    if (!max.equals(String.valueOf(Integer.MAX_VALUE))) {
                        constraints.add(new Constraint(Constraint.Kind.MAX_LENGTH, max));
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return constraints;
    }

    private static String text(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return String.valueOf(entry.getValue().getValue());
            }
        }
        return "";
    }

    private static boolean bool(Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
        return !"false".equals(text(values, name));
    }
}
